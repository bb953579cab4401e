package io.flowwatch.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.flowwatch.analytics.domain.DailyFlow;
import io.flowwatch.analytics.repository.FlowFact;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FlowBookTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-01-26");
    private static final SourcePriority PRIORITY = SourcePriority.of(List.of("farside", "sosovalue"));

    private static FlowFact fact(String source, String product, LocalDate date, int revision, String amount,
            String receivedAt) {
        return new FlowFact(source, product, product.equals("IBIT") ? "BlackRock" : null, "BTC", "us-spot-etf", date,
                revision, new BigDecimal(amount), UUID.randomUUID(), Instant.parse(receivedAt));
    }

    @Test
    void theHighestRevisionOfTheFirstSourceInPriorityHolds() {
        FlowBook book = FlowBook.of(List.of(
                fact("sosovalue", "IBIT", MONDAY, 1, "-90", "2026-01-27T01:00:00Z"),
                fact("farside", "IBIT", MONDAY, 2, "-110", "2026-01-28T01:00:00Z"),
                fact("farside", "IBIT", MONDAY, 1, "-100", "2026-01-27T02:00:00Z"),
                fact("zeta", "IBIT", MONDAY.plusDays(1), 1, "5", "2026-01-28T01:00:00Z"),
                fact("alpha", "IBIT", MONDAY.plusDays(1), 1, "7", "2026-01-28T01:00:00Z")), PRIORITY);

        // Unlisted sources come after listed ones, alphabetically.
        assertEquals(List.of(new DailyFlow(MONDAY, new BigDecimal("-110")), new DailyFlow(MONDAY.plusDays(1), new BigDecimal("7"))),
                book.product("IBIT").days());
        assertEquals("BlackRock", book.info("IBIT").issuer());
    }

    @Test
    void anAssetClassSumsItsProductsOnEveryDateAnyOfThemHas() {
        FlowBook book = FlowBook.of(List.of(
                fact("farside", "IBIT", MONDAY, 1, "-100.5", "2026-01-27T01:00:00Z"),
                fact("farside", "FBTC", MONDAY, 1, "40", "2026-01-27T01:00:00Z"),
                fact("farside", "FBTC", MONDAY.plusDays(1), 1, "0", "2026-01-28T01:00:00Z")), PRIORITY);

        assertEquals(List.of(new DailyFlow(MONDAY, new BigDecimal("-60.5")), new DailyFlow(MONDAY.plusDays(1), BigDecimal.ZERO)),
                book.total().days());
        assertNull(book.info("FBTC").issuer());
    }
}
