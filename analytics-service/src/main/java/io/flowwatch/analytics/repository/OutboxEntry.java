package io.flowwatch.analytics.repository;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A metric update to publish: its envelope id, what it is about, where it goes and the event itself. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutboxEntry(
        UUID eventId, String metric, String scope, LocalDate date, Instant at, BigDecimal value, String routingKey,
        String payload) {}
