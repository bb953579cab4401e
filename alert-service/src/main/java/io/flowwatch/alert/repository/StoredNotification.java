package io.flowwatch.alert.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A notification as stored when it was created: everything a delivery needs, so that sending never depends on
 * the rule as it is now (it may have changed or gone).
 *
 * @param kind {@code firing}, {@code repeat-N} or {@code resolved}
 * @param status {@code queued} (to be delivered), {@code silenced} or {@code inhibited}
 */
public record StoredNotification(
        UUID id,
        String ruleId,
        String ruleName,
        String series,
        String kind,
        int episode,
        Instant at,
        String severity,
        Map<String, String> labels,
        List<String> channels,
        String message,
        BigDecimal value,
        String metric,
        String scope,
        LocalDate date,
        Map<String, String> context,
        String status,
        String reason) {

    public static final String QUEUED = "queued";
    public static final String SILENCED = "silenced";
    public static final String INHIBITED = "inhibited";

    /** {@code firing} or {@code resolved}: the alert's state this notification tells of. */
    public String state() {
        return kind.equals("resolved") ? "resolved" : "firing";
    }

    /** {@code alert.firing}, {@code alert.repeat} or {@code alert.resolved}. */
    public String eventType() {
        return "alert." + (kind.startsWith("repeat") ? "repeat" : kind);
    }
}
