package io.flowwatch.analytics.repository;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code quote_point} to write. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QuoteFact(
        String instrument, Instant time, BigDecimal priceUsd, BigDecimal marketCapUsd, UUID eventId, Instant receivedAt) {}
