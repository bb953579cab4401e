package io.flowwatch.analytics.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The shapes in which flow queries answer (money as exact decimals, dates ISO-8601). */
public final class FlowViews {

    private FlowViews() {}

    /** One day of a series. */
    public record Day(
            LocalDate date,
            BigDecimal net,
            BigDecimal weekToDate,
            BigDecimal monthToDate,
            BigDecimal yearToDate,
            BigDecimal cumulative) {}

    /** A streak of same-signed days ending at the date. */
    public record StreakView(String direction, int days) {}

    /** The last earlier day with a flow at least as large (absent fields: there is none). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordView(
            String direction,
            LocalDate since,
            Integer daysSince,
            BigDecimal lastLarger,
            LocalDate historyStart,
            int historyDays) {}

    /** Every aggregate of one day. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            String scope,
            String label,
            String source,
            LocalDate date,
            BigDecimal net,
            BigDecimal weekToDate,
            BigDecimal monthToDate,
            BigDecimal yearToDate,
            BigDecimal cumulative,
            StreakView streak,
            RecordView record,
            int rankInYear,
            BigDecimal rolling5) {}

    /** The sum of a Monday–Friday week's series days. */
    public record Week(LocalDate weekStart, LocalDate weekEnd, BigDecimal net, int days) {}

    /** The sum of a calendar month's series days ({@code month} as {@code 2026-01}). */
    public record Month(String month, BigDecimal net, int days) {}
}
