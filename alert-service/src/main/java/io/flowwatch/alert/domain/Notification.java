package io.flowwatch.alert.domain;

import io.flowwatch.events.MetricUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A message to send to a rule's channels. Its {@link #id} depends only on what it announces (rule, series,
 * episode and kind), so a replay or a redelivery produces the same id and receivers can drop duplicates.
 *
 * @param repeat which reminder this is (1, 2, …) for {@link Kind#REPEAT}; 0 otherwise
 * @param at the metric time of the update that caused it
 * @param update the update that caused it, for rendering the message
 */
public record Notification(
        UUID id,
        String ruleId,
        String series,
        Kind kind,
        int episode,
        int repeat,
        Instant at,
        String severity,
        Map<String, String> labels,
        List<String> channels,
        MetricUpdate update) {

    /** Why a notification is sent. */
    public enum Kind { FIRING, REPEAT, RESOLVED }

    public Notification {
        labels = Map.copyOf(labels);
        channels = List.copyOf(channels);
    }

    /** {@code firing}, {@code repeat-2} or {@code resolved}: the kind as part of the id. */
    public String kindName() {
        return kindName(kind, repeat);
    }

    static String kindName(Kind kind, int repeat) {
        return kind == Kind.REPEAT ? "repeat-" + repeat : kind.name().toLowerCase(Locale.ROOT);
    }

    /** The name-based UUID of a notification; {@code kindName} as in {@link #kindName()}. */
    public static UUID idFor(String ruleId, String series, int episode, String kindName) {
        String name = "flowwatch-notification|" + ruleId + "|" + series + "|" + episode + "|" + kindName;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
