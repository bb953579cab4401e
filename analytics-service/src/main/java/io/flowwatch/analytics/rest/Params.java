package io.flowwatch.analytics.rest;

import io.flowwatch.analytics.service.BadParameterException;
import io.flowwatch.analytics.service.FlowQuery;
import io.flowwatch.analytics.service.FlowScope;
import io.flowwatch.analytics.service.Windows;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads query parameters; a bad one becomes a {@link BadParameterException} that names it. */
final class Params {

    /** The product kind assumed when a flow query names an asset but no kind. */
    static final String DEFAULT_KIND = "us-spot-etf";

    /** Dates and instants a query may name: far wider than any data, narrow enough for the database's types. */
    static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    /** The longest window: ten years. */
    static final Duration LONGEST_WINDOW = Duration.ofDays(3660);
    /** Assets, kinds, products, sources, instruments and venues as ingest accepts them. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]{0,127}");

    private Params() {}

    /** A name such as an asset, ticker, source, instrument or venue: letters, digits and . _ / : @ - only. */
    static String code(String name, String value) {
        if (value != null && !value.isBlank() && !CODE.matcher(value.trim()).matches()) {
            throw new BadParameterException(name, value, name
                    + " must be 1 to 128 letters, digits or . _ / : @ - starting with a letter or digit");
        }
        return value;
    }

    static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    static String optional(String value) {
        return given(value) ? value.trim() : null;
    }

    static String required(String name, String value) {
        if (!given(value)) {
            throw new BadParameterException(name, value, name + " is required");
        }
        return value.trim();
    }

    static LocalDate date(String name, String value) {
        if (!given(value)) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, value, name + " must be a date like 2026-01-29");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new BadParameterException(name, value, name + " must be between " + EARLIEST + " and " + LATEST);
        }
        return date;
    }

    static Instant instant(String name, String value) {
        if (!given(value)) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, value, name + " must be an instant like 2026-01-29T20:00:00Z");
        }
        if (instant.isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
                || instant.isAfter(LATEST.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            throw new BadParameterException(name, value, name + " must be between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }

    static Duration window(String name, String value) {
        Duration window;
        try {
            window = Windows.parse(required(name, value));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BadParameterException(name, value, e.getMessage());
        }
        if (window.compareTo(LONGEST_WINDOW) > 0) {
            throw new BadParameterException(name, value, name + " must be at most " + LONGEST_WINDOW.toDays() + " days");
        }
        return window;
    }

    /** A whole number between 1 and {@code max}, read here so that "all" or 2^63 is a 400 naming it, not a 404. */
    static int limit(String name, String value, int defaultValue, int max) {
        if (!given(value)) {
            return defaultValue;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > max) {
            throw new BadParameterException(name, value, name + " must be a whole number between 1 and " + max);
        }
        return limit;
    }

    static String side(String name, String value) {
        String side = required(name, value).toLowerCase(Locale.ROOT);
        if (!side.equals("long") && !side.equals("short")) {
            throw new BadParameterException(name, value, name + " must be long or short");
        }
        return side;
    }

    /** A product when {@code product} is given, else the asset class {@code kind:asset} (kind us-spot-etf by default). */
    static FlowScope flowScope(String asset, String kind, String product) {
        code("asset", asset);
        code("kind", kind);
        code("product", product);
        if (given(product)) {
            return FlowScope.product(product.trim().toUpperCase(Locale.ROOT));
        }
        if (!given(asset)) {
            throw new BadParameterException("asset", asset, "asset (with kind) or product is required");
        }
        return FlowScope.assetClass(given(kind) ? kind.trim().toLowerCase(Locale.ROOT) : DEFAULT_KIND,
                asset.trim().toUpperCase(Locale.ROOT));
    }

    static FlowQuery flowQuery(String asset, String kind, String product, String source, String from, String to,
            String asOf) {
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            throw new BadParameterException("to", to, "to must not be before from");
        }
        return new FlowQuery(flowScope(asset, kind, product), optional(code("source", source)), instant("asOf", asOf),
                fromDate, toDate);
    }
}
