package io.flowwatch.analytics.domain;

import static io.flowwatch.analytics.domain.Amounts.day;
import static io.flowwatch.analytics.domain.Amounts.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.analytics.domain.FlowLedger.FlowEvent;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowLedgerTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-01-26");

    @Test
    void theHighestRevisionWinsWhenItArrivesFirst() {
        FlowLedger ledger = new FlowLedger();
        assertTrue(ledger.apply(new FlowEvent("b", MONDAY, usd("7"), 2)));
        assertFalse(ledger.apply(new FlowEvent("a", MONDAY, usd("5"), 1))); // late, older
        assertEquals(FlowSeries.of(List.of(day("2026-01-26", "7"))), ledger.series());
    }

    @Test
    void aDuplicateEventIdIsIgnored() {
        FlowLedger ledger = new FlowLedger();
        assertTrue(ledger.apply(new FlowEvent("a", MONDAY, usd("5"), 1)));
        assertFalse(ledger.apply(new FlowEvent("a", MONDAY, usd("5"), 1)));
        assertTrue(ledger.apply(new FlowEvent("c", MONDAY.plusDays(1), usd("-2"), 1)));
        assertEquals(FlowSeries.of(List.of(day("2026-01-26", "5"), day("2026-01-27", "-2"))), ledger.series());
    }

    @Test
    void conflictingFiguresOfTheSameRevisionAreRejected() {
        FlowLedger ledger = new FlowLedger().applyAll(List.of(new FlowEvent("a", MONDAY, usd("5"), 1)));
        assertFalse(ledger.apply(new FlowEvent("b", MONDAY, usd("5.0"), 1))); // same figure, another id
        assertThrows(IllegalArgumentException.class, () -> ledger.apply(new FlowEvent("c", MONDAY, usd("6"), 1)));
    }
}
