package io.flowwatch.alert.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Transition events waiting to be published on flowwatch.alerts. */
@ApplicationScoped
public class TransitionOutboxRepository {

    private final Pool pool;

    public TransitionOutboxRepository(Pool pool) {
        this.pool = pool;
    }

    public record PendingEvent(UUID id, String routingKey, String payload) {}

    /**
     * Locks a batch of unpublished events (skipping those another relay holds), lets {@code publish} send them and
     * wait for the broker's confirms, and marks the ones it returns as published, all in one transaction: if
     * publishing fails nothing is marked and the batch is tried again.
     */
    public Uni<Integer> publishBatch(int limit, Function<List<PendingEvent>, Uni<List<UUID>>> publish) {
        return pool.withTransaction((SqlConnection c) -> c.preparedQuery("""
                        select id, routing_key, payload from transition_outbox where published_at is null
                        order by created_at, id limit $1 for update skip locked""")
                .execute(Tuple.of((long) limit))
                .chain(rows -> {
                    List<PendingEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        events.add(new PendingEvent(row.getUUID("id"), row.getString("routing_key"), row.getString("payload")));
                    }
                    if (events.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return publish.apply(events).chain(sent -> c.preparedQuery(
                                    "update transition_outbox set published_at = now() where id = any($1)")
                            .execute(Tuple.of(sent.toArray(UUID[]::new)))
                            .map(result -> result.rowCount()));
                }));
    }

    public Uni<Long> unpublished() {
        return pool.query("select count(*) from transition_outbox where published_at is null").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Integer> prune(Instant cutoff) {
        return pool.preparedQuery("delete from transition_outbox where published_at < $1")
                .execute(Tuple.of(Sql.time(cutoff)))
                .map(result -> result.rowCount());
    }
}
