package io.flowwatch.alert.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery outbox. A worker claims due rows ({@code FOR UPDATE SKIP LOCKED}, so several workers never take the
 * same row) by setting a claim token and a lease; it sends outside any transaction and then records the attempt
 * and the row's next state in one transaction, only if it still holds the claim. A worker that dies mid-send leaves
 * the row to be claimed again when the lease runs out.
 */
@ApplicationScoped
public class DeliveryRepository {

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** A row a worker holds. */
    public record Claimed(UUID id, String channelId, String groupKey, int attempts, Instant firstAttemptAt, UUID claim) {}

    /** A channel as the sender needs it; {@code emailTo} is the stored JSON array. */
    public record ChannelRow(String id, String type, String url, String secret, String emailTo) {}

    /** One attempt, as history shows it. */
    public record AttemptRow(int attempt, Instant startedAt, int durationMs, String outcome, Integer statusCode,
            String error) {}

    /** A delivery with its attempts, as history and the parked list show it. */
    public record DeliveryRow(UUID id, String channelId, String status, int attempts, Instant nextAttemptAt,
            Instant deliveredAt, Instant parkedAt, String lastError, Instant createdAt, List<UUID> notificationIds,
            List<AttemptRow> attemptLog) {}

    /** What the worker decided after an attempt. */
    public record Outcome(String status, Instant nextAttemptAt, String error) {
        public static Outcome delivered() {
            return new Outcome("delivered", null, null);
        }
    }

    public Uni<List<Claimed>> claimDue(int limit, UUID claim, Duration lease) {
        return pool.preparedQuery("""
                        with due as (
                            select id from delivery
                            where status in ('pending', 'sending') and next_attempt_at <= now()
                            order by next_attempt_at
                            limit $1
                            for update skip locked)
                        update delivery d
                        set status = 'sending', claim = $2, next_attempt_at = now() + $3::bigint * interval '1 millisecond',
                            first_attempt_at = coalesce(d.first_attempt_at, now()), group_open_until = null,
                            updated_at = now()
                        from due where d.id = due.id
                        returning d.id, d.channel_id, d.group_key, d.attempts, d.first_attempt_at""")
                .execute(Tuple.of((long) limit, claim, lease.toMillis()))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getUUID("id"), row.getString("channel_id"), row.getString("group_key"),
                                row.getInteger("attempts"), Sql.instant(row, "first_attempt_at"), claim));
                    }
                    return claimed;
                });
    }

    public Uni<Optional<ChannelRow>> channel(String id) {
        return pool.preparedQuery("select id, type, url, secret, email_to from channel where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new ChannelRow(row.getString("id"), row.getString("type"), row.getString("url"),
                            row.getString("secret"), row.getString("email_to")));
                });
    }

    /** The notifications a delivery carries, oldest first. */
    public Uni<List<StoredNotification>> members(UUID deliveryId) {
        return pool.preparedQuery("select " + AlertStore.NOTIFICATION_COLUMNS + """
                         from notification n join delivery_member m on m.notification_id = n.id
                        where m.delivery_id = $1 order by n.at, n.id""")
                .execute(Tuple.of(deliveryId))
                .map(rows -> {
                    List<StoredNotification> members = new ArrayList<>();
                    rows.forEach(row -> members.add(AlertStore.notification(row)));
                    return members;
                });
    }

    /**
     * Records an attempt and the row's next state together; false if the claim was lost meanwhile (the lease ran
     * out and another worker took the row), in which case nothing is written.
     */
    public Uni<Boolean> recordAttempt(Claimed claimed, Instant startedAt, int durationMs, Integer statusCode,
            Outcome outcome) {
        boolean delivered = outcome.status().equals("delivered");
        return pool.withTransaction(c -> c.preparedQuery("""
                        update delivery set status = $2, attempts = attempts + 1,
                            next_attempt_at = coalesce($3, now()), last_error = $4,
                            delivered_at = case when $2 = 'delivered' then now() end,
                            parked_at = case when $2 = 'parked' then now() end,
                            claim = null, updated_at = now()
                        where id = $1 and claim = $5""")
                .execute(Sql.tuple(claimed.id(), outcome.status(), Sql.time(outcome.nextAttemptAt()), outcome.error(),
                        claimed.claim()))
                .chain(updated -> updated.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : c.preparedQuery("""
                                        insert into delivery_attempt (delivery_id, attempt, started_at, duration_ms,
                                            outcome, status_code, error)
                                        values ($1, coalesce((select max(attempt) from delivery_attempt
                                                              where delivery_id = $1), 0) + 1, $2, $3, $4, $5, $6)""")
                                .execute(Sql.tuple(claimed.id(), Sql.time(startedAt), durationMs,
                                        delivered ? "delivered" : "failed", statusCode, outcome.error()))
                                .replaceWith(true)));
    }

    /** Deliveries (with their attempts) of the given notifications, by notification. */
    public Uni<Map<UUID, List<DeliveryRow>>> deliveriesOf(Collection<UUID> notificationIds) {
        if (notificationIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return deliveries("""
                        d.id in (select delivery_id from delivery_member where notification_id = any($1))""",
                Tuple.of(notificationIds.toArray(UUID[]::new)), Integer.MAX_VALUE)
                .map(rows -> {
                    Map<UUID, List<DeliveryRow>> byNotification = new LinkedHashMap<>();
                    for (DeliveryRow row : rows) {
                        for (UUID n : row.notificationIds()) {
                            byNotification.computeIfAbsent(n, k -> new ArrayList<>()).add(row);
                        }
                    }
                    return byNotification;
                });
    }

    public Uni<List<DeliveryRow>> parked(int limit) {
        return deliveries("d.status = 'parked'", Tuple.tuple(), limit);
    }

    private Uni<List<DeliveryRow>> deliveries(String where, Tuple params, int limit) {
        String sql = """
                select d.id, d.channel_id, d.status, d.attempts, d.next_attempt_at, d.delivered_at, d.parked_at,
                       d.last_error, d.created_at,
                       (select coalesce(array_agg(m.notification_id order by m.notification_id), '{}')
                          from delivery_member m where m.delivery_id = d.id) as members,
                       (select coalesce(json_agg(json_build_object('attempt', a.attempt, 'startedAt', a.started_at,
                                   'durationMs', a.duration_ms, 'outcome', a.outcome, 'statusCode', a.status_code,
                                   'error', a.error) order by a.attempt), '[]'::json)
                          from delivery_attempt a where a.delivery_id = d.id) as attempt_log
                from delivery d where\s""" + where + " order by d.created_at, d.id limit " + Math.max(1, limit);
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<DeliveryRow> list = new ArrayList<>();
            for (Row row : rows) {
                List<AttemptRow> attempts = new ArrayList<>();
                Object log = row.getValue("attempt_log");
                if (log instanceof io.vertx.core.json.JsonArray array) {
                    for (int i = 0; i < array.size(); i++) {
                        io.vertx.core.json.JsonObject a = array.getJsonObject(i);
                        attempts.add(new AttemptRow(a.getInteger("attempt"), Instant.parse(normalize(a.getString("startedAt"))),
                                a.getInteger("durationMs"), a.getString("outcome"), a.getInteger("statusCode"),
                                a.getString("error")));
                    }
                }
                UUID[] members = row.getArrayOfUUIDs("members");
                list.add(new DeliveryRow(row.getUUID("id"), row.getString("channel_id"), row.getString("status"),
                        row.getInteger("attempts"), Sql.instant(row, "next_attempt_at"), Sql.instant(row, "delivered_at"),
                        Sql.instant(row, "parked_at"), row.getString("last_error"), Sql.instant(row, "created_at"),
                        members == null ? List.of() : List.of(members), attempts));
            }
            return list;
        });
    }

    /** json_build_object writes timestamptz as {@code 2026-01-29T21:00:00.123+00:00}: ISO-8601 with an offset. */
    private static String normalize(String timestamp) {
        return java.time.OffsetDateTime.parse(timestamp).toInstant().toString();
    }

    /**
     * Sends a parked delivery again: due now, with a fresh give-up window; its earlier attempts stay in the log.
     * False if there is no parked delivery with that id.
     */
    public Uni<Boolean> replay(UUID id) {
        return pool.preparedQuery("""
                        update delivery set status = 'pending', attempts = 0, first_attempt_at = null,
                            next_attempt_at = now(), parked_at = null, claim = null, updated_at = now()
                        where id = $1 and status = 'parked'""")
                .execute(Tuple.of(id))
                .map(result -> result.rowCount() == 1);
    }

    /** Counts by status, for health and metrics. */
    public Uni<Map<String, Long>> countsByStatus() {
        return pool.query("select status, count(*) as n from delivery group by status").execute()
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    rows.forEach(row -> counts.put(row.getString("status"), row.getLong("n")));
                    return counts;
                });
    }

    /** Removes delivered and parked deliveries (with their attempts) that ended before the cutoff. */
    public Uni<Integer> prune(Instant cutoff) {
        return pool.preparedQuery("""
                        delete from delivery where (status = 'delivered' and delivered_at < $1)
                                                or (status = 'parked' and parked_at < $1)""")
                .execute(Tuple.of(Sql.time(cutoff)))
                .map(result -> result.rowCount());
    }
}
