package io.flowwatch.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Every aggregate of one series day. The {@code previous…} values are the same window as it stood on the
 * previous series day, restarted at zero when the day opens a new week, month or year; they are null on the
 * first day of history (there is nothing to compare against), which is what sign crossings are judged by.
 *
 * @param date the trading date
 * @param net the day's net flow
 * @param weekToDate sum over the series days of the date's Monday–Friday week up to and including it
 * @param monthToDate sum over the calendar month up to and including the date
 * @param yearToDate sum over the calendar year up to and including the date
 * @param cumulative sum since the first day of the series
 * @param streak consecutive days with the same sign ending at the date
 * @param record the last earlier day with a flow at least as large in the same direction
 * @param rankInYear 1 for the largest flow of its direction among the year's days up to the date (ties share a
 *     rank); 0 for a zero day
 * @param previousWeekToDate week to date of the previous series day if in the same week, else zero; null on the
 *     first day of history
 * @param previousMonthToDate likewise for the month
 * @param previousYearToDate likewise for the year
 * @param previousCumulative cumulative of the previous series day; null on the first day of history
 */
public record FlowSummary(
        LocalDate date,
        BigDecimal net,
        BigDecimal weekToDate,
        BigDecimal monthToDate,
        BigDecimal yearToDate,
        BigDecimal cumulative,
        Streak streak,
        RecordContext record,
        int rankInYear,
        BigDecimal previousWeekToDate,
        BigDecimal previousMonthToDate,
        BigDecimal previousYearToDate,
        BigDecimal previousCumulative) {

    /** Whether this is the first day of the series' history. */
    public boolean isFirstDayOfHistory() {
        return previousCumulative == null;
    }
}
