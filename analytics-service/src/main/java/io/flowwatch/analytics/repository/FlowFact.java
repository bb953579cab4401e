package io.flowwatch.analytics.repository;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of {@code flow_figure}, as written and as read back. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FlowFact(
        String source,
        String product,
        String issuer,
        String asset,
        String kind,
        LocalDate tradingDate,
        int revision,
        BigDecimal netFlowUsd,
        UUID eventId,
        Instant receivedAt) {}
