package io.flowwatch.ingest.service;

import io.flowwatch.ingest.config.IngestConfig;
import io.flowwatch.ingest.messaging.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The one way into the log for pushed, imported and polled events: stores a batch durably (retrying the whole
 * transaction when concurrent batches collide on the same keys), then nudges the relay.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    /** Serialization failure, deadlock, unique violation: another batch won a race; the retry sees its result. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "23505");

    private final EventStore store;
    private final OutboxRelay relay;
    private final IngestConfig config;
    private final MeterRegistry registry;

    public IngestService(EventStore store, OutboxRelay relay, IngestConfig config, MeterRegistry registry) {
        this.store = store;
        this.relay = relay;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Stores the candidates in one transaction; the item arrives once they are durable.
     *
     * @param label names the batch in progress logs (e.g. {@code import quotes}); null for no progress logs
     */
    public Uni<IngestResult> ingest(List<Candidate> candidates, String label) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(IngestResult.EMPTY);
        }
        int every = Math.max(1, config.progressEvery());
        int total = candidates.size();
        // The request's id and trace go with each outbox row onto the message (the relay publishes outside the request).
        Correlation correlation = Correlation.current();
        return Uni.createFrom()
                .deferred(() -> {
                    // PostgreSQL keeps microseconds; the same instant is stored and reported.
                    Instant acceptedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    int[] logged = {0};
                    return store.store(candidates, acceptedAt, correlation, appended -> {
                        if (label != null && appended / every > logged[0]) {
                            logged[0] = appended / every;
                            LOG.infof("%s: %d of %d events written", label, appended, total);
                        }
                    });
                })
                .onFailure(IngestService::isRetryable).retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofMillis(500)).atMost(5)
                .map(IngestResult::new)
                .invoke(result -> {
                    count(result, EventStore.Status.ACCEPTED);
                    count(result, EventStore.Status.REVISION);
                    count(result, EventStore.Status.DUPLICATE);
                    if (result.accepted() + result.revisions() > 0) {
                        relay.nudge();
                    }
                });
    }

    private void count(IngestResult result, EventStore.Status status) {
        long n = result.count(status);
        if (n > 0) {
            registry.counter("flowwatch.ingest.events", "status", status.wireName()).increment(n);
        }
    }

    static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && RETRYABLE.contains(pg.getSqlState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
