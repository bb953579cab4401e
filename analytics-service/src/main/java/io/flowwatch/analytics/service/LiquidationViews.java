package io.flowwatch.analytics.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The shapes in which liquidation queries answer. */
public final class LiquidationViews {

    private LiquidationViews() {}

    /**
     * A window's total. For a window ending at a given instant, {@code start} is {@code end - window} (exclusive);
     * for the largest window of a day, {@code start} and {@code end} are its first and last liquidation.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(
            String venue,
            String side,
            String window,
            LocalDate date,
            BigDecimal total,
            int count,
            Instant start,
            Instant end) {}
}
