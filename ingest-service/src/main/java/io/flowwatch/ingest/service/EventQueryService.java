package io.flowwatch.ingest.service;

import io.flowwatch.ingest.messaging.OutboxRelay;
import io.flowwatch.ingest.repository.EventLogRepository;
import io.flowwatch.ingest.repository.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** What operators ask of the log: one stored event, and counts. */
@ApplicationScoped
public class EventQueryService {

    /** {@code GET /api/v1/ingest/stats}. */
    public record Stats(long events, Map<String, Long> eventsByType, Outbox outbox, OutboxRelay.Status relay) {}

    /** The outbox: rows waiting (the depth), the oldest waiting, all rows ever, replayed rows. */
    public record Outbox(long depth, Instant oldestUnsentAt, long total, long replayed) {}

    private final EventLogRepository log;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;

    public EventQueryService(EventLogRepository log, OutboxRepository outbox, OutboxRelay relay) {
        this.log = log;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** The stored event (its JSON exactly as published). */
    @WithSession
    public Uni<String> event(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(DomainException.badRequest("not an event id", "id", "expected a UUID, not '" + id + "'"));
        }
        return log.find(uuid).map(found -> found
                .orElseThrow(() -> DomainException.notFound("no event with id " + uuid))
                .json());
    }

    @WithSession
    public Uni<Stats> stats() {
        return log.countByType().chain(byType -> outbox.depth().map(depth -> {
            long total = byType.values().stream().mapToLong(Long::longValue).sum();
            return new Stats(total, byType, new Outbox(depth.unsent(), depth.oldestUnsentAt(), depth.total(),
                    depth.replayed()), relay.status());
        }));
    }
}
