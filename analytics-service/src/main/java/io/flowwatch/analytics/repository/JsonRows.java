package io.flowwatch.analytics.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flowwatch.events.EventCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/**
 * Rows for set-based SQL: a whole batch goes to PostgreSQL as ONE JSON parameter, read back with
 * {@code jsonb_to_recordset}, so that one fixed statement writes any number of rows. Decimals travel as JSON
 * numbers, which {@code numeric} reads exactly. The parameter is cast to {@code text} first: typed as
 * {@code jsonb}, the Vert.x client would send the Java string as a JSON string value.
 */
final class JsonRows {

    private JsonRows() {}

    /** An instant read back as {@code cast(extract(epoch from t) * 1000000 as bigint)}. */
    static Instant micros(Object epochMicros) {
        return Instant.EPOCH.plus(((Number) epochMicros).longValue(), ChronoUnit.MICROS);
    }

    static String of(Collection<?> rows) {
        try {
            return EventCodec.mapper().writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rows as JSON", e);
        }
    }
}
