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
import java.util.NavigableSet;
import java.util.TreeSet;

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

    /**
     * The last of {@code times} in each step of {@code step} (steps start at the epoch), in order; all of them when
     * {@code step} is zero.
     */
    public static NavigableSet<Instant> lastOfEachStep(NavigableSet<Instant> times, Duration step) {
        if (requireStep(step, "a step of quote time").isZero()) {
            return times;
        }
        NavigableSet<Instant> last = new TreeSet<>();
        Long laterStep = null;
        for (Instant time : times.descendingSet()) {
            long stepOfTime = stepOf(time, step);
            if (laterStep == null || stepOfTime != laterStep) {
                last.add(time);
            }
            laterStep = stepOfTime;
        }
        return last;
    }

    /** {@code step}, if it is zero or positive (what {@link #lastOfEachStep} takes); {@code name} says which setting. */
    public static Duration requireStep(Duration step, String name) {
        if (step.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + step);
        }
        return step;
    }

    private static long stepOf(Instant time, Duration step) {
        // A whole number of seconds (the usual step) counts in seconds, so that no quote time overflows a long.
        return step.getNano() == 0 ? Math.floorDiv(time.getEpochSecond(), step.getSeconds())
                : Math.floorDiv(Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano()),
                        step.toNanos());
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
