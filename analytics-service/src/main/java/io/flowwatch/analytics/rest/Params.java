package io.flowwatch.analytics.rest;

import io.flowwatch.analytics.service.BadParameterException;
import io.flowwatch.analytics.service.FlowQuery;
import io.flowwatch.analytics.service.FlowScope;
import io.flowwatch.analytics.service.Windows;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reads query parameters; a bad one becomes a {@link BadParameterException} that names it. */
final class Params {

    /** The product kind assumed when a flow query names an asset but no kind. */
    static final String DEFAULT_KIND = "us-spot-etf";

    private Params() {}

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
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, value, name + " must be a date like 2026-01-29");
        }
    }

    static Instant instant(String name, String value) {
        if (!given(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, value, name + " must be an instant like 2026-01-29T20:00:00Z");
        }
    }

    static Duration window(String name, String value) {
        try {
            return Windows.parse(required(name, value));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(name, value, e.getMessage());
        }
    }

    static int limit(String name, Integer value, int defaultValue, int max) {
        if (value == null) {
            return defaultValue;
        }
        if (value < 1 || value > max) {
            throw new BadParameterException(name, value.toString(), name + " must be between 1 and " + max);
        }
        return value;
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
        return new FlowQuery(flowScope(asset, kind, product), optional(source), instant("asOf", asOf), fromDate, toDate);
    }
}
