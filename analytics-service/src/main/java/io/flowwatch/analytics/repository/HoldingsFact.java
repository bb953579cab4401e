package io.flowwatch.analytics.repository;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of {@code holdings_figure}, as written and as read back. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HoldingsFact(
        String source,
        String scope,
        String asset,
        LocalDate date,
        BigDecimal totalNetAssetsUsd,
        UUID eventId,
        Instant receivedAt) {}
