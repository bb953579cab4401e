package io.flowwatch.alert.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutes the notifications of alerts whose labels match all {@link #matchers}, from {@code startsAt} (inclusive)
 * until {@code endsAt} (exclusive). Alerts keep changing state; only their notifications are held back.
 */
public record Silence(
        String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

    public Silence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher; it would mute everything");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
    }

    public boolean isActiveAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    public boolean silences(Map<String, String> labels, Instant at) {
        return isActiveAt(at) && Matcher.allMatch(matchers, labels);
    }
}
