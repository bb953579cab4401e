package io.flowwatch.analytics.service;

import io.flowwatch.analytics.domain.FlowDirection;
import io.flowwatch.analytics.domain.FlowSeries;
import io.flowwatch.analytics.domain.FlowSummary;
import io.flowwatch.analytics.domain.RecordContext;
import io.flowwatch.events.MetricName;
import io.flowwatch.events.MetricUpdate;
import io.flowwatch.events.Money;
import io.flowwatch.events.TradingCalendar;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flow metric updates of one series from a date on: {@code flow.daily}, {@code flow.week-to-date},
 * {@code flow.month-to-date}, {@code flow.year-to-date}, {@code flow.cumulative} and {@code flow.streak} per day.
 * Names, scopes and context keys are the contract with the alert service.
 */
public final class FlowMetrics {

    private FlowMetrics() {}

    /** Updates for every series day on or after {@code from} (a late or revised day changes later windows too). */
    public static List<MetricUpdate> of(String scope, String label, FlowSeries series, LocalDate from) {
        List<MetricUpdate> updates = new ArrayList<>();
        for (FlowSummary day : series.summaries()) {
            if (!day.date().isBefore(from)) {
                updates.addAll(of(scope, label, day));
            }
        }
        return updates;
    }

    static List<MetricUpdate> of(String scope, String label, FlowSummary day) {
        Instant at = TradingCalendar.marketClose(day.date());
        List<MetricUpdate> updates = new ArrayList<>(6);
        updates.add(new MetricUpdate(MetricName.FLOW_DAILY.wireName(), scope, day.date(), at, day.net(),
                dailyContext(label, day)));
        updates.add(window(MetricName.FLOW_WEEK_TO_DATE, scope, label, day, day.weekToDate(), day.previousWeekToDate()));
        updates.add(window(MetricName.FLOW_MONTH_TO_DATE, scope, label, day, day.monthToDate(), day.previousMonthToDate()));
        updates.add(window(MetricName.FLOW_YEAR_TO_DATE, scope, label, day, day.yearToDate(), day.previousYearToDate()));
        updates.add(window(MetricName.FLOW_CUMULATIVE, scope, label, day, day.cumulative(), day.previousCumulative()));
        Map<String, String> streak = new LinkedHashMap<>();
        streak.put("direction", direction(day.streak().direction()));
        streak.put("label", label);
        updates.add(new MetricUpdate(MetricName.FLOW_STREAK.wireName(), scope, day.date(), at,
                BigDecimal.valueOf(day.streak().days()), streak));
        return updates;
    }

    private static Map<String, String> dailyContext(String label, FlowSummary day) {
        RecordContext record = day.record();
        Map<String, String> context = new LinkedHashMap<>();
        context.put("direction", direction(FlowDirection.of(day.net())));
        if (record.since() != null) {
            context.put("recordSince", record.since().toString());
            context.put("recordDaysSince", record.daysSince().toString());
            context.put("recordLastLarger", plain(record.lastLarger()));
        }
        context.put("historyStart", record.historyStart().toString());
        context.put("historyDays", Integer.toString(record.historyDays()));
        context.put("weekToDate", plain(day.weekToDate()));
        context.put("monthToDate", plain(day.monthToDate()));
        context.put("yearToDate", plain(day.yearToDate()));
        context.put("cumulative", plain(day.cumulative()));
        context.put("streakDirection", direction(day.streak().direction()));
        context.put("streakDays", Integer.toString(day.streak().days()));
        context.put("rankInYear", Integer.toString(day.rankInYear()));
        context.put("label", label);
        return context;
    }

    private static MetricUpdate window(
            MetricName metric, String scope, String label, FlowSummary day, BigDecimal value, BigDecimal previous) {
        Map<String, String> context = new LinkedHashMap<>();
        if (previous != null) { // absent on the first day of history: there is nothing to cross from
            context.put("previous", plain(previous));
        }
        context.put("label", label);
        return new MetricUpdate(metric.wireName(), scope, day.date(), TradingCalendar.marketClose(day.date()), value,
                context);
    }

    /** {@code inflow}, {@code outflow} or {@code flat}. */
    public static String direction(FlowDirection direction) {
        return direction.name().toLowerCase(Locale.ROOT);
    }

    /** An amount as the contract writes it in context: canonical, plain (no exponent). */
    public static String plain(BigDecimal amount) {
        return Money.canonical(amount).toPlainString();
    }
}
