package io.flowwatch.analytics.repository;

import java.math.BigDecimal;
import java.time.Instant;

/** The latest quote of an instrument; price or market cap may be null. */
public record LatestQuote(String instrument, Instant time, BigDecimal price, BigDecimal marketCap) {}
