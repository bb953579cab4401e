package io.flowwatch.analytics.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** A published metric update, as the gateway and dashboard read it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricView(
        UUID id,
        String metric,
        String scope,
        LocalDate date,
        Instant at,
        BigDecimal value,
        Map<String, String> context,
        Instant publishedAt) {}
