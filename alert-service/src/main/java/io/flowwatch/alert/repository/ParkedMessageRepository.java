package io.flowwatch.alert.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Metric messages the consumer gave up on, drained from the parking queue so the API can list and replay them. */
@ApplicationScoped
public class ParkedMessageRepository {

    private final Pool pool;

    public ParkedMessageRepository(Pool pool) {
        this.pool = pool;
    }

    public record ParkedMessage(UUID id, String queue, String routingKey, String body, Map<String, Object> headers,
            String reason, String error, int timesParked, String status, Instant parkedAt, Instant replayedAt,
            String replayError) {}

    /** What the consumer knew when it gave up (before the broker moves the message to the parking queue). */
    public Uni<Void> recordFailure(UUID id, String queue, String routingKey, String body, String error) {
        return pool.preparedQuery("""
                        insert into parked_message (id, queue, routing_key, body, headers, error, times_parked, status)
                        values ($1, $2, $3, $4, '{}'::jsonb, $5, 0, 'parked')
                        on conflict (id) do update set error = excluded.error""")
                .execute(Sql.tuple(id, queue, routingKey, body, error))
                .replaceWithVoid();
    }

    /** A message taken from the parking queue, with the broker's headers (x-death, x-first-death-reason). */
    public Uni<Void> parked(UUID id, String queue, String routingKey, String body, Map<String, Object> headers,
            String reason) {
        return pool.preparedQuery("""
                        insert into parked_message (id, queue, routing_key, body, headers, reason, times_parked, status)
                        values ($1, $2, $3, $4, $5, $6, 1, 'parked')
                        on conflict (id) do update set headers = excluded.headers, reason = excluded.reason,
                            routing_key = coalesce(excluded.routing_key, parked_message.routing_key),
                            times_parked = parked_message.times_parked + 1, status = 'parked', parked_at = now()""")
                .execute(Sql.tuple(id, queue, routingKey, body, new JsonObject(headers), reason))
                .replaceWithVoid();
    }

    public Uni<List<ParkedMessage>> list(boolean includeReplayed, int limit) {
        String where = includeReplayed ? "" : " where status = 'parked'";
        return pool.preparedQuery("select * from parked_message" + where + " order by parked_at, id limit $1")
                .execute(Tuple.of((long) Math.max(1, limit)))
                .map(rows -> {
                    List<ParkedMessage> list = new ArrayList<>();
                    rows.forEach(row -> list.add(read(row)));
                    return list;
                });
    }

    public Uni<Optional<ParkedMessage>> find(UUID id) {
        return pool.preparedQuery("select * from parked_message where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    public Uni<Void> markReplayed(UUID id) {
        return pool.preparedQuery("""
                        update parked_message set status = 'replayed', replayed_at = now(), replay_error = null
                        where id = $1""")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Void> markReplayFailed(UUID id, String error) {
        return pool.preparedQuery("update parked_message set replay_error = $2 where id = $1")
                .execute(Tuple.of(id, error)).replaceWithVoid();
    }

    private static ParkedMessage read(Row row) {
        Object headers = row.getValue("headers");
        return new ParkedMessage(row.getUUID("id"), row.getString("queue"), row.getString("routing_key"),
                row.getString("body"), headers instanceof JsonObject object ? object.getMap() : Map.of(),
                row.getString("reason"), row.getString("error"), row.getInteger("times_parked"),
                row.getString("status"), Sql.instant(row, "parked_at"), Sql.instant(row, "replayed_at"),
                row.getString("replay_error"));
    }
}
