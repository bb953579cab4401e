package io.flowwatch.ingest.repository;

import io.flowwatch.events.repository.JsonRows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The outbox: what the relay still has to publish, in seq order (native SQL on the current reactive session). */
@ApplicationScoped
public class OutboxRepository {

    /** The transaction-scoped advisory lock that lets one relay at a time publish, so that order holds across replicas. */
    static final long RELAY_LOCK = 0x466c6f7752656c61L; // "FlowRela"

    /** One outbox row with the logged event it relays (and the X-Request-Id and traceparent of its request, or null). */
    public record OutboxRow(long seq, boolean replay, UUID eventId, String type, String source, String subject,
            String routingKey, String json, String requestId, String traceparent) {}

    /** Outbox totals for operators. */
    public record Depth(long unsent, Instant oldestUnsentAt, long total, long replayed) {}

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    /** Takes the relay lock for the current transaction; false when another relay holds it. */
    public Uni<Boolean> tryRelayLock() {
        return session().chain(s -> s.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)", Boolean.class)
                .setParameter(1, RELAY_LOCK)
                .getSingleResult());
    }

    /**
     * Up to {@code limit} unsent rows after seq {@code afterSeq}, in seq order, locked for this transaction (rows others
     * hold are skipped; rows this transaction took earlier are excluded by {@code afterSeq}).
     */
    public Uni<List<OutboxRow>> lockNextUnsent(int limit, long afterSeq) {
        String sql = "SELECT o.seq, o.replay, CAST(e.id AS text), e.type, e.source, e.subject, e.routing_key, e.event, o.request_id, o.traceparent"
                + " FROM outbox o JOIN event_log e ON e.id = o.event_id"
                + " WHERE o.sent_at IS NULL AND o.seq > ?2 ORDER BY o.seq LIMIT ?1 FOR UPDATE OF o SKIP LOCKED";
        return session().chain(s -> s.createNativeQuery(sql, Object[].class).setParameter(1, limit)
                        .setParameter(2, afterSeq).getResultList())
                .map(rows -> {
                    List<OutboxRow> result = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        result.add(new OutboxRow(Rows.toLong(row[0]), Boolean.TRUE.equals(row[1]), Rows.toUuid(row[2]),
                                (String) row[3], (String) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8],
                                (String) row[9]));
                    }
                    return result;
                });
    }

    private static final String MARK_SENT = "UPDATE outbox SET sent_at = ?1 WHERE seq IN"
            + " (SELECT CAST(v AS bigint) FROM json_array_elements_text(CAST(CAST(?2 AS text) AS json)) AS v)";

    /** Marks rows as confirmed by the broker. */
    public Uni<Integer> markSent(List<Long> seqs, Instant at) {
        if (seqs.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return session().chain(s -> s.createNativeQuery(MARK_SENT)
                .setParameter(1, Rows.utc(at))
                .setParameter(2, JsonRows.of(seqs))
                .executeUpdate());
    }

    /** Deletes the rows the broker confirmed before {@code before}; answers how many. */
    public Uni<Integer> deleteSentBefore(Instant before) {
        return session().chain(s -> s.createNativeQuery("DELETE FROM outbox WHERE sent_at < ?1")
                .setParameter(1, Rows.utc(before))
                .executeUpdate());
    }

    /** How many rows wait to be relayed. */
    public Uni<Long> unsent() {
        return session().chain(s -> s.createNativeQuery("SELECT count(*) FROM outbox WHERE sent_at IS NULL", Long.class)
                .getSingleResult()).map(Rows::toLong);
    }

    public Uni<Depth> depth() {
        String sql = "SELECT count(*) FILTER (WHERE sent_at IS NULL), min(created_at) FILTER (WHERE sent_at IS NULL),"
                + " count(*), count(*) FILTER (WHERE replay) FROM outbox";
        return session().chain(s -> s.createNativeQuery(sql, Object[].class).getSingleResult())
                .map(row -> new Depth(Rows.toLong(row[0]), Rows.toInstant(row[1]), Rows.toLong(row[2]),
                        Rows.toLong(row[3])));
    }

    /**
     * Queues logged events again, in their original order: those accepted in [{@code from}, {@code to}) with the
     * given subject and type (each filter optional). Answers how many were queued.
     */
    public Uni<Integer> enqueueReplay(Optional<Instant> from, Optional<Instant> to, Optional<String> subject,
            Optional<String> type, Instant at) {
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        parameters.add(Rows.utc(at));
        from.ifPresent(value -> {
            parameters.add(Rows.utc(value));
            where.add("accepted_at >= ?" + parameters.size());
        });
        to.ifPresent(value -> {
            parameters.add(Rows.utc(value));
            where.add("accepted_at < ?" + parameters.size());
        });
        subject.ifPresent(value -> {
            parameters.add(value);
            where.add("subject = ?" + parameters.size());
        });
        type.ifPresent(value -> {
            parameters.add(value);
            where.add("type = ?" + parameters.size());
        });
        String sql = "INSERT INTO outbox (event_id, replay, created_at)"
                + " SELECT id, true, ?1 FROM (SELECT id, seq FROM event_log"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY seq) AS logged ORDER BY seq";
        return session().chain(s -> {
            Mutiny.Query<Object> query = s.createNativeQuery(sql);
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return query.executeUpdate();
        });
    }
}
