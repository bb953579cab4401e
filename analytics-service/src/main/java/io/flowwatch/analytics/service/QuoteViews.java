package io.flowwatch.analytics.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;

/** The shapes in which quote queries answer. */
public final class QuoteViews {

    private QuoteViews() {}

    /** The change of an instrument over a window; {@code percent} rounded half up to 2 decimals. */
    public record Change(
            String instrument,
            String window,
            String field,
            BigDecimal from,
            Instant fromTime,
            BigDecimal to,
            Instant toTime,
            BigDecimal percent,
            String label) {}

    /** The latest quote of an instrument (a missing price or market cap is left out). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Latest(String instrument, Instant time, BigDecimal price, BigDecimal marketCap, String label) {}
}
