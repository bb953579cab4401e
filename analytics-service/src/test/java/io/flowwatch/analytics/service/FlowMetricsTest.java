package io.flowwatch.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.flowwatch.analytics.domain.DailyFlow;
import io.flowwatch.analytics.domain.FlowSeries;
import io.flowwatch.events.MetricUpdate;
import io.flowwatch.events.TradingCalendar;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FlowMetricsTest {

    private static final FlowSeries SERIES = FlowSeries.of(List.of(
            new DailyFlow(LocalDate.parse("2026-01-29"), new BigDecimal("-300")), // Thursday, first day of history
            new DailyFlow(LocalDate.parse("2026-01-30"), new BigDecimal("-100")),
            new DailyFlow(LocalDate.parse("2026-02-02"), new BigDecimal("-200")))); // Monday, new week and month

    private static Map<String, MetricUpdate> byMetric(List<MetricUpdate> updates, String date) {
        return updates.stream().filter(update -> update.date().toString().equals(date))
                .collect(Collectors.toMap(MetricUpdate::metric, update -> update));
    }

    @Test
    void sixMetricsPerDayFromTheChangedDateOn() {
        List<MetricUpdate> updates = FlowMetrics.of("us-spot-etf:BTC", "US spot Bitcoin ETFs", SERIES,
                LocalDate.parse("2026-01-30"));
        assertEquals(12, updates.size());
        Map<String, MetricUpdate> monday = byMetric(updates, "2026-02-02");
        assertEquals(List.of("flow.cumulative", "flow.daily", "flow.month-to-date", "flow.streak", "flow.week-to-date",
                "flow.year-to-date"), monday.keySet().stream().sorted().toList());
        MetricUpdate daily = monday.get("flow.daily");
        assertEquals(TradingCalendar.marketClose(LocalDate.parse("2026-02-02")), daily.at());
        assertEquals(new BigDecimal("-200"), daily.value());
        assertEquals("outflow", daily.context().get("direction"));
        assertEquals("2026-01-29", daily.context().get("recordSince"));
        assertEquals("4", daily.context().get("recordDaysSince"));
        assertEquals("-300", daily.context().get("recordLastLarger"));
        assertEquals("2026-01-29", daily.context().get("historyStart"));
        assertEquals("4", daily.context().get("historyDays"));
        assertEquals("-200", daily.context().get("weekToDate"));
        assertEquals("-200", daily.context().get("monthToDate"));
        assertEquals("-600", daily.context().get("yearToDate"));
        assertEquals("-600", daily.context().get("cumulative"));
        assertEquals("outflow", daily.context().get("streakDirection"));
        assertEquals("3", daily.context().get("streakDays"));
        assertEquals("2", daily.context().get("rankInYear"));
        assertEquals("US spot Bitcoin ETFs", daily.context().get("label"));

        // A new week and month start from zero; the streak is its days with the direction beside.
        assertEquals("0", monday.get("flow.week-to-date").context().get("previous"));
        assertEquals("0", monday.get("flow.month-to-date").context().get("previous"));
        assertEquals("-400", monday.get("flow.year-to-date").context().get("previous"));
        assertEquals(new BigDecimal("3"), monday.get("flow.streak").value());
        assertEquals("outflow", monday.get("flow.streak").context().get("direction"));
    }

    @Test
    void theFirstDayOfHistoryHasNoPreviousAndNoRecord() {
        Map<String, MetricUpdate> first = byMetric(FlowMetrics.of("IBIT", "IBIT (BlackRock)", SERIES,
                LocalDate.parse("2026-01-01")), "2026-01-29");
        assertFalse(first.get("flow.cumulative").context().containsKey("previous"));
        assertFalse(first.get("flow.week-to-date").context().containsKey("previous"));
        assertFalse(first.get("flow.daily").context().containsKey("recordSince"));
        assertFalse(first.get("flow.daily").context().containsKey("recordDaysSince"));
        assertEquals("IBIT (BlackRock)", first.get("flow.cumulative").context().get("label"));
    }
}
