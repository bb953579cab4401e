package io.flowwatch.analytics.repository;

import io.flowwatch.events.repository.JsonRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The metric outbox, and the fingerprints of what was last published per series and date. */
@ApplicationScoped
public class MetricOutboxRepository implements PanacheRepositoryBase<MetricOutboxRow, Long> {

    private static final String ENQUEUE = """
            insert into metric_outbox (event_id, metric, scope, date, at, value, routing_key, payload)
            select event_id, metric, scope, date, at, value, routing_key, payload
            from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as x(
                event_id uuid, metric text, scope text, date date, at timestamptz, value numeric, routing_key text,
                payload text)
            """;

    /** Adds updates in the caller's transaction, in the given order. */
    public Uni<Integer> enqueue(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return getSession().chain(session -> session.createNativeQuery(ENQUEUE)
                .setParameter("rows", JsonRows.of(entries))
                .executeUpdate());
    }

    private static final String FINGERPRINTS = """
            select p.series_key, p.fingerprint from published_metric p
            where p.series_key in (select value from jsonb_array_elements_text(cast(cast(:keys as text) as jsonb)))
            """;

    /** The last published fingerprint of each of the given series keys that has one. */
    public Uni<Map<String, String>> fingerprints(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession()
                .chain(session -> session.<Object[]>createNativeQuery(FINGERPRINTS)
                        .setParameter("keys", JsonRows.of(keys))
                        .getResultList())
                .map(rows -> {
                    Map<String, String> result = new HashMap<>();
                    rows.forEach(row -> result.put((String) row[0], (String) row[1]));
                    return result;
                });
    }

    private static final String SAVE_FINGERPRINTS = """
            insert into published_metric (series_key, fingerprint)
            select series_key, fingerprint
            from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as x(series_key text, fingerprint text)
            on conflict (series_key) do update set fingerprint = excluded.fingerprint, published_at = now()
            """;

    /** Records what is now published per series key (keys distinct). */
    public Uni<Integer> saveFingerprints(Map<String, String> fingerprints) {
        if (fingerprints.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Map<String, String>> rows = fingerprints.entrySet().stream()
                .map(entry -> Map.of("series_key", entry.getKey(), "fingerprint", entry.getValue()))
                .toList();
        return getSession().chain(session -> session.createNativeQuery(SAVE_FINGERPRINTS)
                .setParameter("rows", JsonRows.of(rows))
                .executeUpdate());
    }

    /**
     * The transaction-scoped advisory lock (with the partition as its second key) that lets one relay round at a time
     * publish a partition across every instance sharing this database, so that a series' updates keep their order.
     */
    static final int RELAY_LOCK = 0x4d52656c; // "MRel"

    /** Takes the partition's relay lock for the current transaction; false when another round (anywhere) holds it. */
    public Uni<Boolean> tryRelayLock(int partition) {
        return getSession().chain(session -> session.createNativeQuery(
                        "select pg_try_advisory_xact_lock(:lock, :partition)", Boolean.class)
                .setParameter("lock", RELAY_LOCK)
                .setParameter("partition", partition)
                .getSingleResult());
    }

    // hashtext is PostgreSQL's stable string hash (an int4, made non-negative here before the modulo).
    private static final String LOCK_UNSENT = """
            select id, cast(event_id as text), routing_key, payload from metric_outbox
            where sent_at is null
              and (cast(hashtext(metric || '/' || scope) as bigint) + 2147483648) % :partitions = :partition
            order by id
            limit :limit
            for update skip locked
            """;

    /**
     * The oldest unsent rows of one of {@code partitions} partitions, locked for the caller's transaction (rows another
     * relay holds are skipped). A row's partition is a hash of its metric and scope, so all updates of a series are in
     * the same partition, and a relay that takes one partition at a time publishes them in the order they were written.
     */
    public Uni<List<PendingMetric>> lockUnsent(int limit, int partition, int partitions) {
        return getSession()
                .chain(session -> session.<Object[]>createNativeQuery(LOCK_UNSENT)
                        .setParameter("limit", limit)
                        .setParameter("partition", (long) partition)
                        .setParameter("partitions", (long) partitions)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new PendingMetric(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                                (String) row[3]))
                        .toList());
    }

    private static final String MARK_SENT = """
            update metric_outbox set sent_at = now()
            where id in (select cast(value as bigint) from jsonb_array_elements_text(cast(cast(:ids as text) as jsonb)))
            """;

    public Uni<Integer> markSent(List<Long> ids) {
        return getSession().chain(session -> session.createNativeQuery(MARK_SENT)
                .setParameter("ids", JsonRows.of(ids))
                .executeUpdate());
    }

    /** The most recently published updates, newest first, optionally of one metric and/or scope. */
    public Uni<List<MetricOutboxRow>> recentlySent(String metric, String scope, int limit) {
        StringBuilder query = new StringBuilder("sentAt is not null");
        Map<String, Object> parameters = new HashMap<>();
        if (metric != null) {
            query.append(" and metric = :metric");
            parameters.put("metric", metric);
        }
        if (scope != null) {
            query.append(" and scope = :scope");
            parameters.put("scope", scope);
        }
        query.append(" order by id desc");
        return find(query.toString(), parameters).page(0, limit).list();
    }

    public Uni<Long> unsent() {
        return count("sentAt is null");
    }

    /** Deletes sent rows older than {@code before}. */
    public Uni<Long> deleteSentBefore(Instant before) {
        return delete("sentAt is not null and sentAt < ?1", before);
    }
}
