package io.flowwatch.analytics.repository;

import java.math.BigDecimal;
import java.time.Instant;

/** A market cap and the time of the quote that carried it. */
public record MarketCapPoint(Instant time, BigDecimal value) {}
