package io.flowwatch.analytics.service;

import io.flowwatch.analytics.domain.QuoteSeries;
import io.flowwatch.events.MetricName;
import io.flowwatch.events.MetricUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code quote.change} updates: the percent change of an instrument over each window, ending at a new quote. */
public final class QuoteChanges {

    private QuoteChanges() {}

    /**
     * For each time and window: scope {@code <instrument>@<window>}, at = the time, value = percent (2 decimals, half
     * up) on price when both endpoints have one, else on market cap. Nothing for a window without a quote at or
     * before {@code t - window}.
     */
    public static List<MetricUpdate> of(
            String instrument, String label, QuoteSeries series, Collection<Instant> times, List<Duration> windows) {
        List<MetricUpdate> updates = new ArrayList<>();
        for (Instant time : times) {
            for (Duration window : windows) {
                series.change(time, window)
                        .ifPresent(change -> updates.add(metric(instrument, label, time, window, change)));
            }
        }
        return updates;
    }

    private static MetricUpdate metric(
            String instrument, String label, Instant time, Duration window, QuoteSeries.Change change) {
        String windowName = Windows.format(window);
        Map<String, String> context = new LinkedHashMap<>();
        context.put("from", FlowMetrics.plain(change.from()));
        context.put("to", FlowMetrics.plain(change.to()));
        context.put("fromTime", change.fromTime().toString());
        context.put("toTime", change.toTime().toString());
        context.put("field", fieldName(change.field()));
        context.put("window", windowName);
        context.put("label", label);
        return new MetricUpdate(MetricName.QUOTE_CHANGE.wireName(), instrument + "@" + windowName, null, time,
                change.percent(), context);
    }

    /** {@code price} or {@code marketCap}. */
    public static String fieldName(QuoteSeries.Field field) {
        return field == QuoteSeries.Field.PRICE ? "price" : "marketCap";
    }
}
