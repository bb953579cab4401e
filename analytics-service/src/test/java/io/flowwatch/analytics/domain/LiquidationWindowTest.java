package io.flowwatch.analytics.domain;

import static io.flowwatch.analytics.domain.Amounts.assertAmount;
import static io.flowwatch.analytics.domain.Amounts.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.analytics.domain.LiquidationWindow.Event;
import io.flowwatch.analytics.domain.LiquidationWindow.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiquidationWindowTest {

    private static Instant at(String time) {
        return Instant.parse("2026-01-29T" + time + ":00Z");
    }

    private static final LiquidationWindow EVENTS = LiquidationWindow.of(List.of(
            new Event(at("15:30"), usd("10")),
            new Event(at("10:00"), usd("5")),
            new Event(at("11:00"), usd("3")),
            new Event(at("12:00"), usd("4")),
            new Event(at("12:00"), usd("1"))));

    @Test
    void countsFollowTheSameWindowsAsTheTotals() {
        assertEquals(3, EVENTS.countEndingAt(at("12:00"), Duration.ofHours(2))); // 11:00 and both at 12:00
        assertEquals(4, EVENTS.countEndingAt(at("12:00"), Duration.ofHours(2).plusSeconds(1)));
        assertEquals(0, EVENTS.countEndingAt(at("09:00"), Duration.ofHours(2)));
        assertEquals(4, EVENTS.countBetween(at("10:00"), at("12:00"))); // both ends included
        assertEquals(1, EVENTS.countBetween(at("15:30"), at("15:30")));
    }

    @Test
    void totalIsOverAHalfOpenWindowEndingAtTheInstant() {
        assertAmount("8", EVENTS.totalEndingAt(at("12:00"), Duration.ofHours(2))); // 10:00 is excluded
        assertAmount("13", EVENTS.totalEndingAt(at("12:00"), Duration.ofHours(2).plusSeconds(1)));
        assertAmount("3", EVENTS.totalEndingAt(at("11:59"), Duration.ofHours(1)));
        assertAmount("0", EVENTS.totalEndingAt(at("09:00"), Duration.ofHours(2)));
        assertAmount("23", EVENTS.totalEndingAt(at("23:00"), Duration.ofDays(1)));
    }

    @Test
    void largestWindowEndsAtAnEventAndReportsItsFirstAndLastEvent() {
        Window largest = EVENTS.largestWindowWithin(at("00:00"), at("23:59"), Duration.ofHours(3)).orElseThrow();
        assertEquals(at("10:00"), largest.start());
        assertEquals(at("12:00"), largest.end());
        assertAmount("13", largest.total()); // both 12:00 events count

        Window restricted = EVENTS.largestWindowWithin(at("10:00"), at("11:30"), Duration.ofHours(3)).orElseThrow();
        assertEquals(at("11:00"), restricted.end());
        assertAmount("8", restricted.total());

        Window shorter = EVENTS.largestWindowWithin(at("00:00"), at("23:59"), Duration.ofHours(2)).orElseThrow();
        assertEquals(new Window(at("15:30"), at("15:30"), usd("10")), shorter);
    }

    @Test
    void tiesGoToTheEarliestWindowAndAnEmptyRangeHasNone() {
        LiquidationWindow tied = LiquidationWindow.of(List.of(new Event(at("10:00"), usd("2")),
                new Event(at("14:00"), usd("2"))));
        assertEquals(at("10:00"), tied.largestWindowWithin(at("00:00"), at("23:00"), Duration.ofHours(1))
                .orElseThrow().end());
        assertTrue(EVENTS.largestWindowWithin(at("16:00"), at("23:00"), Duration.ofHours(1)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> EVENTS.totalEndingAt(at("12:00"), Duration.ZERO));
    }
}
