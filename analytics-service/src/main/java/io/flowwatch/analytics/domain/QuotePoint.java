package io.flowwatch.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A quote of one instrument at an instant.
 *
 * @param time when the quote was valid
 * @param price price in US dollars, or null if the source gives none (e.g. for the whole market)
 * @param marketCap market capitalisation in US dollars, or null if the source gives none
 */
public record QuotePoint(Instant time, BigDecimal price, BigDecimal marketCap) {

    public QuotePoint {
        Objects.requireNonNull(time, "time");
        if (price == null && marketCap == null) {
            throw new IllegalArgumentException("a quote needs a price or a market cap");
        }
    }
}
