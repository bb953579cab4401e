package io.flowwatch.alert.repository;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Conversions between domain values and what the reactive PostgreSQL client binds and returns. */
final class Sql {

    private Sql() {}

    /** A tuple of the values in order; unlike {@code Tuple.tuple(List.of(…))} it takes nulls. */
    static Tuple tuple(Object... values) {
        Tuple tuple = Tuple.tuple();
        for (Object value : values) {
            tuple.addValue(value);
        }
        return tuple;
    }

    /** timestamptz parameters are bound as OffsetDateTime. */
    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** A string map as a jsonb parameter (sorted, so equal maps are stored alike). */
    static JsonObject json(Map<String, String> map) {
        return new JsonObject(new TreeMap<String, Object>(map == null ? Map.of() : map));
    }

    static JsonArray json(List<String> list) {
        return new JsonArray(List.<Object>copyOf(list == null ? List.of() : list));
    }

    static Map<String, String> stringMap(Row row, String column) {
        Object value = row.getValue(column);
        Map<String, String> map = new LinkedHashMap<>();
        if (value instanceof JsonObject object) {
            object.forEach(entry -> map.put(entry.getKey(), entry.getValue() == null ? null : String.valueOf(entry.getValue())));
        }
        return map;
    }

    static List<String> stringList(Row row, String column) {
        Object value = row.getValue(column);
        if (value instanceof JsonArray array) {
            return array.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
