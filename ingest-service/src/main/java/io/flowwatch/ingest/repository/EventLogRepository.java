package io.flowwatch.ingest.repository;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flowwatch.events.repository.JsonRows;
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
 * current reactive session; callers hold the transaction). Statements take at most {@link #MAX_ROWS} rows, passed as
 * one JSON parameter ({@link JsonRows}), so that each statement's text is the same whatever the number of rows.
 */
@ApplicationScoped
public class EventLogRepository {

    /** Rows per statement: bounds one statement's JSON parameter, which carries each logged event's whole JSON. */
    public static final int MAX_ROWS = 1000;

    /** One event to log, with the outbox row that will relay it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LogRow(UUID id, String type, String source, String subject, String routingKey, String figureKey,
            int revision, String json) {}

    /** A figure offered for a key (see latest_figure). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FigureRow(String figureKey, String figure, UUID eventId) {}

    /** A logged event as stored. */
    public record StoredEvent(long seq, UUID id, String type, String source, String subject, int revision,
            Instant acceptedAt, String json) {}

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    private static final String EXISTING_IDS = "SELECT CAST(id AS text) FROM event_log WHERE id IN"
            + " (SELECT CAST(v AS uuid) FROM json_array_elements_text(CAST(CAST(?1 AS text) AS json)) AS v)";

    /** Which of {@code ids} are already in the log. */
    public Uni<Set<UUID>> existingIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return session().chain(s -> s.createNativeQuery(EXISTING_IDS, String.class)
                .setParameter(1, JsonRows.of(ids))
                .getResultList()).map(found -> {
            Set<UUID> result = new HashSet<>();
            found.forEach(id -> result.add(UUID.fromString(id)));
            return result;
        });
    }

    // Rows are inserted in the order given (WITH ORDINALITY), which is the callers' sorted key order.
    private static final String OFFER_FIGURES = "INSERT INTO latest_figure AS f (figure_key, figure, event_id, revision,"
            + " updated_at) SELECT r.figure_key, r.figure, r.event_id, 1, ?1 FROM ROWS FROM (json_to_recordset("
            + "CAST(CAST(?2 AS text) AS json)) AS (figure_key text, figure text, event_id uuid)) WITH ORDINALITY"
            + " AS r(figure_key, figure, event_id, n) ORDER BY r.n"
            + " ON CONFLICT (figure_key) DO UPDATE SET figure = EXCLUDED.figure, revision = f.revision + 1,"
            + " event_id = EXCLUDED.event_id, updated_at = EXCLUDED.updated_at"
            + " WHERE f.figure <> EXCLUDED.figure"
            + " RETURNING f.figure_key, f.revision";

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
        return session().chain(s -> s.createNativeQuery(OFFER_FIGURES, Object[].class)
                .setParameter(1, Rows.utc(at))
                .setParameter(2, JsonRows.of(rows))
                .getResultList()).map(result -> {
            Map<String, Integer> revisions = new HashMap<>();
            for (Object[] row : result) {
                revisions.put((String) row[0], (int) Rows.toLong(row[1]));
            }
            return revisions;
        });
    }

    private static final String FIGURE_EVENTS = "SELECT figure_key, CAST(event_id AS text) FROM latest_figure"
            + " WHERE figure_key IN (SELECT json_array_elements_text(CAST(CAST(?1 AS text) AS json)))";

    /** The event currently in force for each of {@code keys}. */
    public Uni<Map<String, UUID>> figureEvents(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session().chain(s -> s.createNativeQuery(FIGURE_EVENTS, Object[].class)
                .setParameter(1, JsonRows.of(keys))
                .getResultList()).map(result -> {
            Map<String, UUID> events = new HashMap<>();
            for (Object[] row : result) {
                events.put((String) row[0], Rows.toUuid(row[1]));
            }
            return events;
        });
    }

    // Events get their seq in list order (ORDER BY the ordinality), and their outbox rows in seq order.
    private static final String APPEND = "WITH logged AS (INSERT INTO event_log"
            + " (accepted_at, id, type, source, subject, routing_key, figure_key, revision, event)"
            + " SELECT ?1, r.id, r.type, r.source, r.subject, r.routing_key, r.figure_key, r.revision, r.json"
            + " FROM ROWS FROM (json_to_recordset(CAST(CAST(?2 AS text) AS json)) AS (id uuid, type text, source text,"
            + " subject text, routing_key text, figure_key text, revision integer, json text)) WITH ORDINALITY"
            + " AS r(id, type, source, subject, routing_key, figure_key, revision, json, n) ORDER BY r.n"
            + " RETURNING seq, id)"
            + " INSERT INTO outbox (event_id, created_at, request_id, traceparent)"
            + " SELECT id, ?1, CAST(?3 AS text), CAST(?4 AS text) FROM logged ORDER BY seq";

    /**
     * Appends events to the log and queues each in the outbox, in list order, with the X-Request-Id and W3C
     * traceparent of the request that brought them (either may be null). Answers the outbox rows added.
     */
    public Uni<Integer> append(List<LogRow> rows, Instant acceptedAt, String requestId, String traceparent) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return session().chain(s -> s.createNativeQuery(APPEND)
                .setParameter(1, Rows.utc(acceptedAt))
                .setParameter(2, JsonRows.of(rows))
                .setParameter(3, requestId)
                .setParameter(4, traceparent)
                .executeUpdate());
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
