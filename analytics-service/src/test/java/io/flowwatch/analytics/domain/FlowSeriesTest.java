package io.flowwatch.analytics.domain;

import static io.flowwatch.analytics.domain.Amounts.assertAmount;
import static io.flowwatch.analytics.domain.Amounts.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.analytics.domain.Crossing.Direction;
import io.flowwatch.analytics.domain.FlowSeries.Window;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowSeriesTest {

    /**
     * Crosses a year end inside one ISO week (Mon 2025-12-29 … Fri 2026-01-02), has a zero Monday, a tie with an
     * earlier outflow and a new month starting on a Monday.
     */
    private static final FlowSeries SERIES = FlowSeries.of(List.of(
            day("2026-01-07", "-4"), // given out of order on purpose
            day("2025-12-29", "10"),
            day("2025-12-30", "-5"),
            day("2025-12-31", "-7"),
            day("2026-01-02", "-3"),
            day("2026-01-05", "0"),
            day("2026-01-06", "-7"),
            day("2026-02-02", "4")));

    private static FlowSummary at(String date) {
        return SERIES.summaryAt(LocalDate.parse(date)).orElseThrow();
    }

    @Test
    void firstDayOfHistoryHasNoPreviousValues() {
        FlowSummary first = at("2025-12-29");
        assertAmount("10", first.weekToDate());
        assertAmount("10", first.cumulative());
        assertNull(first.previousWeekToDate());
        assertNull(first.previousMonthToDate());
        assertNull(first.previousYearToDate());
        assertNull(first.previousCumulative());
        assertTrue(first.isFirstDayOfHistory());
        assertEquals(new Streak(FlowDirection.INFLOW, 1), first.streak());
        assertNull(first.record().since());
        assertEquals(0, first.record().historyDays());
        assertEquals(1, first.rankInYear());
        for (Window window : Window.values()) {
            assertTrue(SERIES.crossing(LocalDate.parse("2025-12-29"), window).isEmpty(), window.name());
        }
    }

    @Test
    void weekRunsAcrossTheYearEndButMonthAndYearRestart() {
        FlowSummary friday = at("2026-01-02");
        assertAmount("-5", friday.weekToDate()); // 10 - 5 - 7 - 3: same week as Monday 2025-12-29
        assertAmount("-2", friday.previousWeekToDate());
        assertAmount("-3", friday.monthToDate());
        assertAmount("0", friday.previousMonthToDate()); // first day of its month, not of history
        assertAmount("-3", friday.yearToDate());
        assertAmount("0", friday.previousYearToDate());
        assertAmount("-5", friday.cumulative());
        assertAmount("-2", friday.previousCumulative());
    }

    @Test
    void aMondayStartsANewWeek() {
        FlowSummary monday = at("2026-01-05");
        assertAmount("0", monday.weekToDate());
        assertAmount("0", monday.previousWeekToDate());
        assertAmount("-3", monday.monthToDate());
        assertAmount("-3", monday.previousMonthToDate());
        assertAmount("-11", at("2026-01-07").weekToDate());
        assertAmount("-14", at("2026-01-07").monthToDate());
    }

    @Test
    void aNewMonthOnAMondayRestartsWeekAndMonthButNotYear() {
        FlowSummary february = at("2026-02-02");
        assertAmount("4", february.weekToDate());
        assertAmount("0", february.previousWeekToDate());
        assertAmount("4", february.monthToDate());
        assertAmount("0", february.previousMonthToDate());
        assertAmount("-10", february.yearToDate());
        assertAmount("-14", february.previousYearToDate());
        assertAmount("-12", february.cumulative());
    }

    @Test
    void streaksCountConsecutiveSeriesDaysAndAZeroDayBreaksThem() {
        assertEquals(new Streak(FlowDirection.OUTFLOW, 1), at("2025-12-30").streak());
        assertEquals(new Streak(FlowDirection.OUTFLOW, 2), at("2025-12-31").streak());
        assertEquals(new Streak(FlowDirection.OUTFLOW, 3), at("2026-01-02").streak()); // across the year end
        assertEquals(new Streak(FlowDirection.FLAT, 0), at("2026-01-05").streak());
        assertEquals(new Streak(FlowDirection.OUTFLOW, 1), at("2026-01-06").streak());
        assertEquals(new Streak(FlowDirection.OUTFLOW, 2), at("2026-01-07").streak());
        assertEquals(new Streak(FlowDirection.INFLOW, 1), at("2026-02-02").streak());
    }

    @Test
    void recordIsTheLastEarlierDayAtLeastAsLargeInTheSameDirection() {
        RecordContext firstOutflow = at("2025-12-30").record();
        assertEquals(FlowDirection.OUTFLOW, firstOutflow.direction());
        assertNull(firstOutflow.since()); // the inflow before it does not count
        assertEquals(1, firstOutflow.historyDays());

        RecordContext smaller = at("2026-01-02").record();
        assertEquals(LocalDate.parse("2025-12-31"), smaller.since());
        assertEquals(2, smaller.daysSince());
        assertAmount("-7", smaller.lastLarger());

        RecordContext tie = at("2026-01-06").record(); // -7 again: the earlier -7 is "at least as large"
        assertEquals(LocalDate.parse("2025-12-31"), tie.since());
        assertEquals(6, tie.daysSince());
        assertEquals(LocalDate.parse("2025-12-29"), tie.historyStart());
        assertEquals(8, tie.historyDays());

        RecordContext inflow = at("2026-02-02").record();
        assertEquals(FlowDirection.INFLOW, inflow.direction());
        assertEquals(LocalDate.parse("2025-12-29"), inflow.since());
        assertEquals(35, inflow.daysSince());
        assertAmount("10", inflow.lastLarger());

        RecordContext zero = at("2026-01-05").record();
        assertEquals(FlowDirection.FLAT, zero.direction());
        assertNull(zero.since());
        assertFalse(zero.isRecordInAtLeast(0));
    }

    @Test
    void rankInYearRestartsWithTheYearAndCountsTheSameDirectionOnly() {
        assertEquals(1, at("2025-12-30").rankInYear());
        assertEquals(1, at("2025-12-31").rankInYear()); // -7 beats -5
        assertEquals(1, at("2026-01-02").rankInYear()); // -3 is the largest 2026 outflow so far
        assertEquals(0, at("2026-01-05").rankInYear()); // zero day
        assertEquals(1, at("2026-01-06").rankInYear());
        assertEquals(2, at("2026-01-07").rankInYear()); // -4: only -7 is larger
        assertEquals(1, at("2026-02-02").rankInYear()); // the first 2026 inflow
    }

    @Test
    void tiedFlowsShareARank() {
        FlowSeries series = FlowSeries.of(List.of(
                day("2026-03-02", "5"), day("2026-03-03", "8"), day("2026-03-04", "8"), day("2026-03-05", "3")));
        List<Integer> ranks = series.summaries().stream().map(FlowSummary::rankInYear).toList();
        assertEquals(List.of(1, 1, 1, 4), ranks); // competition ranking: three larger inflows before 3
        assertEquals(LocalDate.parse("2026-03-03"), series.summaryAt(LocalDate.parse("2026-03-04")).orElseThrow()
                .record().since());
    }

    @Test
    void crossingsCompareAgainstThePreviousSeriesDayOrZeroAtAPeriodStart() {
        LocalDate dec31 = LocalDate.parse("2025-12-31");
        for (Window window : Window.values()) {
            Crossing crossing = SERIES.crossing(dec31, window).orElseThrow();
            assertEquals(Direction.DOWN, crossing.direction());
            assertAmount("5", crossing.previous());
            assertAmount("-2", crossing.current());
        }
        LocalDate jan2 = LocalDate.parse("2026-01-02");
        assertEquals(Direction.DOWN, SERIES.crossing(jan2, Window.MONTH_TO_DATE).orElseThrow().direction());
        assertEquals(Direction.DOWN, SERIES.crossing(jan2, Window.YEAR_TO_DATE).orElseThrow().direction());
        assertTrue(SERIES.crossing(jan2, Window.WEEK_TO_DATE).isEmpty()); // -2 → -5 stays negative
        assertTrue(SERIES.crossing(jan2, Window.CUMULATIVE).isEmpty());

        // A zero day from zero is no crossing; a week starting with 0 then going negative is DOWN (previous >= 0).
        assertTrue(SERIES.crossing(LocalDate.parse("2026-01-05"), Window.WEEK_TO_DATE).isEmpty());
        assertEquals(Direction.DOWN,
                SERIES.crossing(LocalDate.parse("2026-01-06"), Window.WEEK_TO_DATE).orElseThrow().direction());

        LocalDate feb2 = LocalDate.parse("2026-02-02");
        assertEquals(Direction.UP, SERIES.crossing(feb2, Window.MONTH_TO_DATE).orElseThrow().direction());
        assertEquals(Direction.UP, SERIES.crossing(feb2, Window.WEEK_TO_DATE).orElseThrow().direction());
        assertTrue(SERIES.crossing(feb2, Window.YEAR_TO_DATE).isEmpty()); // -14 → -10
        assertTrue(SERIES.crossing(LocalDate.parse("2026-02-03"), Window.MONTH_TO_DATE).isEmpty()); // no such day

        assertEquals(List.of(dec31, jan2, feb2),
                SERIES.crossings(Window.MONTH_TO_DATE).stream().map(Crossing::date).toList());
    }

    @Test
    void reachingZeroIsNoCrossingButLeavingItIs() {
        FlowSeries series = FlowSeries.of(List.of(day("2026-03-02", "-1"), day("2026-03-03", "1"),
                day("2026-03-04", "2")));
        assertTrue(series.crossing(LocalDate.parse("2026-03-03"), Window.CUMULATIVE).isEmpty()); // -1 → 0
        Crossing up = series.crossing(LocalDate.parse("2026-03-04"), Window.CUMULATIVE).orElseThrow();
        assertEquals(Direction.UP, up.direction());
        assertAmount("0", up.previous());
        assertAmount("2", up.current());
    }

    @Test
    void rollingSumTakesTheLastNSeriesDays() {
        assertAmount("-11", SERIES.rollingSum(LocalDate.parse("2026-01-07"), 3)); // 0 - 7 - 4
        assertAmount("-14", SERIES.rollingSum(LocalDate.parse("2026-01-07"), 4));
        assertAmount("-11", SERIES.rollingSum(LocalDate.parse("2026-01-10"), 3)); // a date without a value
        assertAmount("5", SERIES.rollingSum(LocalDate.parse("2025-12-30"), 10)); // shorter history
        assertAmount("0", SERIES.rollingSum(LocalDate.parse("2025-12-28"), 3));
        assertAmount("4", SERIES.rollingSum(LocalDate.parse("2026-02-02"), 1));
        assertThrows(IllegalArgumentException.class, () -> SERIES.rollingSum(LocalDate.parse("2026-02-02"), 0));
    }

    @Test
    void aMissingDateHasNoSummary() {
        assertTrue(SERIES.summaryAt(LocalDate.parse("2026-01-01")).isEmpty());
        assertEquals(8, SERIES.summaries().size());
        assertEquals(LocalDate.parse("2025-12-29"), SERIES.days().getFirst().date());
    }

    @Test
    void aSecondValueForADateIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> FlowSeries.of(List.of(day("2026-01-05", "1"), day("2026-01-05", "2"))));
    }

    @Test
    void recordClaimsNeverExceedTheHistory() {
        FlowSeries series = FlowSeries.of(List.of(
                day("2025-11-03", "-10"), // the first day
                day("2026-01-12", "-20"), // 70 days later, larger than anything before
                day("2026-01-13", "-5"),
                day("2026-03-16", "-5"))); // 62 days after the tie
        RecordContext noEarlier = series.summaryAt(LocalDate.parse("2026-01-12")).orElseThrow().record();
        assertNull(noEarlier.since());
        assertEquals(70, noEarlier.historyDays());
        assertTrue(noEarlier.isRecordInAtLeast(60));
        assertTrue(noEarlier.isRecordInAtLeast(70));
        assertFalse(noEarlier.isRecordInAtLeast(71));

        RecordContext afterTie = series.summaryAt(LocalDate.parse("2026-03-16")).orElseThrow().record();
        assertEquals(LocalDate.parse("2026-01-13"), afterTie.since());
        assertEquals(62, afterTie.daysSince());
        assertTrue(afterTie.isRecordInAtLeast(62));
        assertFalse(afterTie.isRecordInAtLeast(63));

        RecordContext firstDay = series.summaries().getFirst().record();
        assertTrue(firstDay.isRecordInAtLeast(0));
        assertFalse(firstDay.isRecordInAtLeast(1));
    }
}
