package io.flowwatch.events.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flowwatch.events.EventCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Rows for set-based SQL: a whole batch goes to PostgreSQL as ONE JSON parameter, read back with
 * {@code jsonb_to_recordset} (ingest, whose rows carry whole events that it stores as text, reads them with
 * {@code json_to_recordset} and {@code json_array_elements_text}, which take the text as it comes instead of first
 * building a {@code jsonb} copy), so that one fixed statement handles any number of rows. A statement whose text grew
 * with the batch (a placeholder per value) would be parsed anew by PostgreSQL each time, and Hibernate keeps every
 * distinct text in its query plan cache: in ingest that held 28 MB of SQL text. Decimals travel as JSON numbers, which
 * {@code numeric} reads exactly. The parameter is cast to {@code text} first: typed as {@code jsonb}, the Vert.x client
 * would send the Java string as a JSON string value.
 */
public final class JsonRows {

    private JsonRows() {}

    /**
     * A select that brings the ids of a relation with a column {@code id} back as ONE text value ({@code with … as (…
     * returning event_id as id)} followed by this); {@link #ids} reads it. A row per id would cost more than the ids:
     * Hibernate Reactive reads every result row through its own chain of futures, and these statements return a row
     * for nearly every event applied.
     */
    public static String selectJoinedIds(String relation) {
        return "select coalesce(string_agg(cast(id as text), ','), '') from " + relation;
    }

    /** The ids that {@link #selectJoinedIds} joined (none for an empty text). */
    public static Set<UUID> ids(String joined) {
        if (joined == null || joined.isEmpty()) {
            return Set.of();
        }
        Set<UUID> ids = new HashSet<>();
        int start = 0;
        while (start <= joined.length()) {
            int end = joined.indexOf(',', start);
            end = end < 0 ? joined.length() : end;
            ids.add(UUID.fromString(joined.substring(start, end)));
            start = end + 1;
        }
        return ids;
    }

    /** An instant read back as {@code cast(extract(epoch from t) * 1000000 as bigint)}. */
    public static Instant micros(Object epochMicros) {
        return Instant.EPOCH.plus(((Number) epochMicros).longValue(), ChronoUnit.MICROS);
    }

    public static String of(Collection<?> rows) {
        try {
            return EventCodec.mapper().writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rows as JSON", e);
        }
    }
}
