package io.flowwatch.ingest.service.imports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict reading of the non-numeric fields of imports: dates, instants and codes. Problems are thrown as
 * {@link IllegalArgumentException} whose message is the reason.
 */
final class FieldText {

    /** Nothing crypto happened before Bitcoin's genesis block. */
    static final LocalDate EARLIEST_DATE = LocalDate.of(2009, 1, 3);
    private static final Instant EARLIEST_INSTANT = EARLIEST_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();

    private static final Pattern UPPER_CODE = Pattern.compile("[A-Z0-9][A-Z0-9._/-]{0,31}");
    private static final Pattern LOWER_CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private FieldText() {}

    /** An ISO-8601 date-time with {@code Z} or an offset, e.g. {@code 2026-01-29T13:00:00Z}, within range. */
    static Instant instant(String text, Clock clock) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "expected an ISO-8601 time with Z or an offset, e.g. 2026-01-29T13:00:00Z");
        }
        if (instant.isBefore(EARLIEST_INSTANT) || instant.isAfter(clock.instant().plus(Duration.ofDays(1)))) {
            throw new IllegalArgumentException(outOfRange());
        }
        return instant;
    }

    /** An ISO-8601 date such as {@code 2026-01-29}, within range. */
    static LocalDate isoDate(String text, Clock clock) {
        try {
            return inRange(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE), clock);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a date as yyyy-mm-dd");
        }
    }

    /** Refuses dates before {@link #EARLIEST_DATE} or more than one day after today (UTC) by {@code clock}. */
    static LocalDate inRange(LocalDate date, Clock clock) {
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1))) {
            throw new IllegalArgumentException(outOfRange());
        }
        return date;
    }

    private static String outOfRange() {
        return "out of range: must be on or after " + EARLIEST_DATE + " and at most one day in the future";
    }

    /** A ticker or instrument, upper-cased: {@code btc} becomes {@code BTC}. */
    static String upperCode(String text) {
        String code = text.toUpperCase(Locale.ROOT);
        if (!UPPER_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("expected a code of letters, digits, '.', '_', '/' or '-' (at most 32)");
        }
        return code;
    }

    /** A venue or kind, lower-cased: {@code Hyperliquid} becomes {@code hyperliquid}. */
    static String lowerCode(String text) {
        String code = text.toLowerCase(Locale.ROOT);
        if (!LOWER_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("expected a name of letters, digits, '.', '_' or '-' (at most 64)");
        }
        return code;
    }
}
