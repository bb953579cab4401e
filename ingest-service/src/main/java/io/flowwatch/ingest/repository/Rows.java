package io.flowwatch.ingest.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/** Reading the loosely typed columns of native queries, and writing their placeholders. */
final class Rows {

    private Rows() {}

    /** {@code (?1, ?2), (?3, ?4)} for 2 rows of 2 columns, numbering from {@code first}. */
    static String values(int rows, int columns, int first) {
        StringBuilder sql = new StringBuilder(rows * columns * 6);
        int parameter = first;
        for (int row = 0; row < rows; row++) {
            sql.append(row == 0 ? "(" : ", (");
            for (int column = 0; column < columns; column++) {
                sql.append(column == 0 ? "?" : ", ?").append(parameter++);
            }
            sql.append(')');
        }
        return sql.toString();
    }

    /** {@code ?1, ?2, ?3} for a list of {@code count} values. */
    static String list(int count, int first) {
        StringBuilder sql = new StringBuilder(count * 6);
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "?" : ", ?").append(first + i);
        }
        return sql.toString();
    }

    static long toLong(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static UUID toUuid(Object value) {
        return value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
    }

    static Instant toInstant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case OffsetDateTime odt -> odt.toInstant();
            case ZonedDateTime zdt -> zdt.toInstant();
            case LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
            case Timestamp ts -> ts.toInstant();
            default -> OffsetDateTime.parse(value.toString()).toInstant();
        };
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
