package io.flowwatch.events.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flowwatch.events.EventCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

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
