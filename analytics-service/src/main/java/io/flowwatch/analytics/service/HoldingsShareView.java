package io.flowwatch.analytics.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The total net assets of a holdings scope as a share of its asset's market cap at the close of the date.
 *
 * @param source the source whose holdings figure was used
 * @param instrument the instrument whose market cap was used ({@code TOTAL} for {@code ALL})
 * @param share percent, rounded half up to 2 decimals
 */
public record HoldingsShareView(
        String scope,
        LocalDate date,
        String source,
        String instrument,
        BigDecimal assets,
        BigDecimal marketCap,
        Instant marketCapTime,
        BigDecimal share,
        String label) {}
