package io.flowwatch.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class QuoteChangesTest {

    private static final Instant T = Instant.parse("2026-01-29T20:00:00Z");

    private static NavigableSet<Instant> times(Instant... times) {
        return new TreeSet<>(List.of(times));
    }

    @Test
    void onlyTheLastQuoteOfEachSecondMakesUpdates() {
        NavigableSet<Instant> ticks = times(T, T.plusMillis(5), T.plusMillis(999), T.plusMillis(1_000),
                T.plusMillis(1_004), T.plusSeconds(3));
        assertEquals(List.of(T.plusMillis(999), T.plusMillis(1_004), T.plusSeconds(3)),
                List.copyOf(QuoteChanges.lastOfEachStep(ticks, Duration.ofSeconds(1))));
    }

    @Test
    void stepsStartAtTheEpochNotAtTheFirstQuote() {
        // 20:00:00.999 and 20:00:01.001 are 2 ms apart but in two different seconds: both count.
        NavigableSet<Instant> ticks = times(T.plusMillis(999), T.plusMillis(1_001));
        assertEquals(2, QuoteChanges.lastOfEachStep(ticks, Duration.ofSeconds(1)).size());
        // Minutes: 20:00:59 and 20:01:00 are in two, 20:01:00 and 20:01:59 in one.
        NavigableSet<Instant> minutes = times(T.plusSeconds(59), T.plusSeconds(60), T.plusSeconds(119));
        assertEquals(List.of(T.plusSeconds(59), T.plusSeconds(119)),
                List.copyOf(QuoteChanges.lastOfEachStep(minutes, Duration.ofMinutes(1))));
    }

    @Test
    void quoteTimesBeforeTheEpochAndSubSecondStepsFallIntoTheirOwnSteps() {
        Instant epoch = Instant.EPOCH;
        // -0.5 s and +0.5 s lie in different seconds (floor, not truncation toward zero).
        assertEquals(2, QuoteChanges.lastOfEachStep(times(epoch.minusMillis(500), epoch.plusMillis(500)),
                Duration.ofSeconds(1)).size());
        NavigableSet<Instant> ticks = times(T, T.plusMillis(90), T.plusMillis(100), T.plusMillis(150));
        assertEquals(List.of(T.plusMillis(90), T.plusMillis(150)),
                List.copyOf(QuoteChanges.lastOfEachStep(ticks, Duration.ofMillis(100))));
    }

    @Test
    void aZeroStepKeepsEveryQuoteAndANegativeOneIsRefused() {
        NavigableSet<Instant> ticks = times(T, T.plusMillis(1), T.plusMillis(2));
        assertEquals(ticks, QuoteChanges.lastOfEachStep(ticks, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> QuoteChanges.lastOfEachStep(ticks, Duration.ofSeconds(-1)));
    }
}
