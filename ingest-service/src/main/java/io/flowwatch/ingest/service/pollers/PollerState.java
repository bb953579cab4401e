package io.flowwatch.ingest.service.pollers;

import java.time.Duration;
import java.time.Instant;

/**
 * What one poller has been doing: its last success and failure, how many failures in a row, and when it may try
 * again (exponential backoff, capped). Thread-safe; read by the health check and the metrics.
 */
public final class PollerState {

    /** A snapshot for operators. */
    public record Snapshot(String name, boolean enabled, String state, int consecutiveFailures, Instant lastSuccessAt,
            Instant lastFailureAt, String lastError, Instant nextAttemptAt, int lastAccepted, int lastDuplicates,
            int lastRevisions) {}

    private final String name;
    private final boolean enabled;
    private int consecutiveFailures;
    private Instant lastSuccessAt;
    private Instant lastFailureAt;
    private String lastError;
    private Instant nextAttemptAt = Instant.EPOCH;
    private int lastAccepted;
    private int lastDuplicates;
    private int lastRevisions;

    PollerState(String name, boolean enabled) {
        this.name = name;
        this.enabled = enabled;
    }

    public String name() {
        return name;
    }

    /** Whether a scheduled poll may run now (not while backing off). */
    public synchronized boolean due(Instant now) {
        return !now.isBefore(nextAttemptAt);
    }

    synchronized void succeeded(Instant at, int accepted, int duplicates, int revisions) {
        consecutiveFailures = 0;
        lastSuccessAt = at;
        nextAttemptAt = Instant.EPOCH;
        lastAccepted = accepted;
        lastDuplicates = duplicates;
        lastRevisions = revisions;
    }

    /** Records a failure; answers the pause before the next scheduled attempt. */
    synchronized Duration failed(Instant at, String error, Duration initial, Duration max) {
        consecutiveFailures++;
        long pause = Math.min(max.toMillis(), initial.toMillis() << Math.min(20, consecutiveFailures - 1));
        lastFailureAt = at;
        lastError = error;
        nextAttemptAt = at.plusMillis(pause);
        return Duration.ofMillis(pause);
    }

    public synchronized Instant lastSuccessAt() {
        return lastSuccessAt;
    }

    public synchronized Snapshot snapshot() {
        String state = consecutiveFailures > 0 ? "backoff"
                : lastSuccessAt != null ? "ok"
                : enabled ? "waiting" : "disabled";
        return new Snapshot(name, enabled, state, consecutiveFailures, lastSuccessAt, lastFailureAt, lastError,
                consecutiveFailures > 0 ? nextAttemptAt : null, lastAccepted, lastDuplicates, lastRevisions);
    }
}
