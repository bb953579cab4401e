package io.flowwatch.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A change of an alert's state, published by the alert service on {@link Topology#ALERTS_EXCHANGE}.
 *
 * @param ruleId the rule
 * @param series the series the rule fired for (metric scope, plus the date for daily metrics)
 * @param state {@code pending}, {@code firing} or {@code resolved}
 * @param message the rendered message, as sent to people
 */
public record AlertTransition(
        String ruleId,
        String ruleName,
        String series,
        String state,
        String severity,
        Instant at,
        String message,
        Map<String, String> labels) implements EventData {

    public AlertTransition {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    @Override
    public EventType eventType() {
        return EventType.ALERT;
    }

    @Override
    public String subject() {
        return ruleId;
    }

    @Override
    public String routingKey() {
        return Topology.routingKey(EventType.ALERT, state, ruleId);
    }
}
