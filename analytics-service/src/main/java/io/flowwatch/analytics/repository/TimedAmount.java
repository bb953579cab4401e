package io.flowwatch.analytics.repository;

import java.math.BigDecimal;
import java.time.Instant;

/** An amount at an instant (a liquidation's notional). */
public record TimedAmount(Instant time, BigDecimal amount) {}
