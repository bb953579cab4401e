package io.flowwatch.analytics.service;

import io.flowwatch.analytics.domain.LiquidationWindow;
import io.flowwatch.analytics.repository.TimedAmount;
import io.flowwatch.events.MetricName;
import io.flowwatch.events.MetricUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Liquidation totals over sliding windows for one venue and liquidated side, over every instrument: the domain's
 * {@link LiquidationWindow} turned into metric updates.
 */
public final class LiquidationWindows {

    private final LiquidationWindow totals;

    private LiquidationWindows(List<TimedAmount> events) {
        this.totals = LiquidationWindow.of(events.stream()
                .map(event -> new LiquidationWindow.Event(event.time(), event.amount()))
                .toList());
    }

    public static LiquidationWindows of(List<TimedAmount> events) {
        return new LiquidationWindows(events);
    }

    public LiquidationWindow totals() {
        return totals;
    }

    /**
     * {@code liquidation.window} updates for liquidations at the given times: scope
     * {@code <venue>:<side>@<window>}, value = the total over {@code (t - window, t]}, context {@code window} and
     * {@code count}.
     */
    public List<MetricUpdate> metrics(String venue, String side, Collection<Instant> at, List<Duration> windows) {
        List<MetricUpdate> updates = new ArrayList<>();
        for (Instant time : at) {
            for (Duration window : windows) {
                String windowName = Windows.format(window);
                Map<String, String> context = new LinkedHashMap<>();
                context.put("window", windowName);
                context.put("count", Integer.toString(totals.countEndingAt(time, window)));
                context.put("label", venue + " " + side + " liquidations");
                updates.add(new MetricUpdate(MetricName.LIQUIDATION_WINDOW.wireName(),
                        venue + ":" + side + "@" + windowName, null, time, totals.totalEndingAt(time, window), context));
            }
        }
        return updates;
    }
}
