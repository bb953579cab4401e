package io.flowwatch.ingest.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The raw event log, the latest figure per key and the outbox rows written with each event (native SQL on the
 * current reactive session; callers hold the transaction). Statements take at most {@link #MAX_ROWS} rows.
 */
@ApplicationScoped
public class EventLogRepository {

    /** Rows per multi-row statement: well below PostgreSQL's 65,535 bind parameters at 9 per row. */
    public static final int MAX_ROWS = 1000;

    /** One event to log, with the outbox row that will relay it. */
    public record LogRow(UUID id, String type, String source, String subject, String routingKey, String figureKey,
            int revision, String json) {}

    /** A figure offered for a key (see latest_figure). */
    public record FigureRow(String figureKey, String figure, UUID eventId) {}

    /** A logged event as stored. */
    public record StoredEvent(long seq, UUID id, String type, String source, String subject, int revision,
            Instant acceptedAt, String json) {}

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    /** Which of {@code ids} are already in the log. */
    public Uni<Set<UUID>> existingIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String sql = "SELECT CAST(id AS text) FROM event_log WHERE id IN (" + Rows.list(ids.size(), 1) + ")";
        return session().chain(s -> {
            Mutiny.SelectionQuery<String> query = s.createNativeQuery(sql, String.class);
            for (int i = 0; i < ids.size(); i++) {
                query.setParameter(i + 1, ids.get(i));
            }
            return query.getResultList();
        }).map(found -> {
            Set<UUID> result = new HashSet<>();
            found.forEach(id -> result.add(UUID.fromString(id)));
            return result;
        });
    }

    /**
     * Offers figures, one per key (keys distinct, sorted so that concurrent batches lock in the same order): a new
     * key is stored as revision 1, a different figure for a known key raises its revision, an identical figure
     * changes nothing. Answers the revision of every key that was stored or raised; a key missing from the answer
     * was a duplicate.
     */
    public Uni<Map<String, Integer>> offerFigures(List<FigureRow> rows, Instant at) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String sql = "INSERT INTO latest_figure AS f (figure_key, figure, event_id, revision, updated_at) VALUES "
                + Rows.values(rows.size(), 3, 2).replace(")", ", 1, ?1)")
                + " ON CONFLICT (figure_key) DO UPDATE SET figure = EXCLUDED.figure, revision = f.revision + 1,"
                + " event_id = EXCLUDED.event_id, updated_at = EXCLUDED.updated_at"
                + " WHERE f.figure <> EXCLUDED.figure"
                + " RETURNING f.figure_key, f.revision";
        return session().chain(s -> {
            Mutiny.SelectionQuery<Object[]> query = s.createNativeQuery(sql, Object[].class);
            query.setParameter(1, Rows.utc(at));
            int p = 2;
            for (FigureRow row : rows) {
                query.setParameter(p++, row.figureKey());
                query.setParameter(p++, row.figure());
                query.setParameter(p++, row.eventId());
            }
            return query.getResultList();
        }).map(result -> {
            Map<String, Integer> revisions = new HashMap<>();
            for (Object[] row : result) {
                revisions.put((String) row[0], (int) Rows.toLong(row[1]));
            }
            return revisions;
        });
    }

    /** The event currently in force for each of {@code keys}. */
    public Uni<Map<String, UUID>> figureEvents(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> list = List.copyOf(keys);
        String sql = "SELECT figure_key, CAST(event_id AS text) FROM latest_figure WHERE figure_key IN ("
                + Rows.list(list.size(), 1) + ")";
        return session().chain(s -> {
            Mutiny.SelectionQuery<Object[]> query = s.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < list.size(); i++) {
                query.setParameter(i + 1, list.get(i));
            }
            return query.getResultList();
        }).map(result -> {
            Map<String, UUID> events = new HashMap<>();
            for (Object[] row : result) {
                events.put((String) row[0], Rows.toUuid(row[1]));
            }
            return events;
        });
    }

    /**
     * Appends events to the log and queues each in the outbox, in list order, with the X-Request-Id and W3C
     * traceparent of the request that brought them (either may be null). Answers the outbox rows added.
     */
    public Uni<Integer> append(List<LogRow> rows, Instant acceptedAt, String requestId, String traceparent) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String sql = "WITH logged AS (INSERT INTO event_log"
                + " (accepted_at, id, type, source, subject, routing_key, figure_key, revision, event) VALUES "
                + Rows.values(rows.size(), 8, 2).replace("(?", "(?1, ?")
                + " RETURNING seq, id)"
                + " INSERT INTO outbox (event_id, created_at, request_id, traceparent) SELECT id, ?1, CAST(?"
                + (rows.size() * 8 + 2) + " AS text), CAST(?" + (rows.size() * 8 + 3) + " AS text) FROM logged ORDER BY seq";
        return session().chain(s -> {
            Mutiny.Query<Object> query = s.createNativeQuery(sql);
            query.setParameter(1, Rows.utc(acceptedAt));
            int p = 2;
            for (LogRow row : rows) {
                query.setParameter(p++, row.id());
                query.setParameter(p++, row.type());
                query.setParameter(p++, row.source());
                query.setParameter(p++, row.subject());
                query.setParameter(p++, row.routingKey());
                query.setParameter(p++, row.figureKey());
                query.setParameter(p++, row.revision());
                query.setParameter(p++, row.json());
            }
            query.setParameter(p++, requestId);
            query.setParameter(p, traceparent);
            return query.executeUpdate();
        });
    }

    public Uni<Optional<StoredEvent>> find(UUID id) {
        String sql = "SELECT seq, CAST(id AS text), type, source, subject, revision, accepted_at, event"
                + " FROM event_log WHERE id = ?1";
        return session().chain(s -> s.createNativeQuery(sql, Object[].class).setParameter(1, id).getResultList())
                .map(rows -> rows.stream().findFirst().map(row -> new StoredEvent(Rows.toLong(row[0]),
                        Rows.toUuid(row[1]), (String) row[2], (String) row[3], (String) row[4],
                        (int) Rows.toLong(row[5]), Rows.toInstant(row[6]), (String) row[7])));
    }

    /** Logged events per type, in type order. */
    public Uni<Map<String, Long>> countByType() {
        String sql = "SELECT type, count(*) FROM event_log GROUP BY type ORDER BY type";
        return session().chain(s -> s.createNativeQuery(sql, Object[].class).getResultList()).map(rows -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Object[] row : rows) {
                counts.put((String) row[0], Rows.toLong(row[1]));
            }
            return counts;
        });
    }

    /** Whether any fund flow names {@code ticker}. */
    public Uni<Boolean> hasFlows(String ticker) {
        String sql = "SELECT count(*) FROM (SELECT 1 FROM event_log WHERE subject = ?1 AND type = ?2 LIMIT 1) AS f";
        return session().chain(s -> s.createNativeQuery(sql, Long.class)
                        .setParameter(1, ticker)
                        .setParameter(2, io.flowwatch.events.EventType.FUND_FLOW.type())
                        .getSingleResult())
                .map(count -> Rows.toLong(count) > 0);
    }

    /** Splits a list into statement-sized chunks. */
    public static <T> List<List<T>> chunks(List<T> rows, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += size) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + size)));
        }
        return chunks;
    }
}
