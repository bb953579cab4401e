package io.flowwatch.analytics.repository;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code liquidation}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LiquidationFact(
        UUID eventId, String venue, String instrument, String side, BigDecimal notionalUsd, Instant time,
        Instant receivedAt) {}
