package io.flowwatch.alert.domain;

import io.flowwatch.events.MetricUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Hand-made metric updates shaped like the ones analytics publishes. */
final class Updates {

    static final String BTC = "us-spot-etf:BTC";

    private Updates() {}

    /** US market close (16:00 New York, EST) of a trading date. */
    static Instant close(LocalDate date) {
        return date.atTime(21, 0).toInstant(ZoneOffset.UTC);
    }

    static MetricUpdate daily(String date, String value, Map<String, String> context) {
        LocalDate day = LocalDate.parse(date);
        return new MetricUpdate("flow.daily", BTC, day, close(day), new BigDecimal(value), context);
    }

    /** The BTC figure of 2026-01-29 with the context the scenario's reference figures imply. */
    static MetricUpdate btcOn20260129() {
        return daily("2026-01-29", "-817900000", btcContext20260129());
    }

    static Map<String, String> btcContext20260129() {
        Map<String, String> context = new HashMap<>();
        context.put("direction", "outflow");
        context.put("recordSince", "2025-11-20");
        context.put("recordDaysSince", "70");
        context.put("recordLastLarger", "-903100000");
        context.put("historyStart", "2025-11-13");
        context.put("historyDays", "77");
        context.put("weekToDate", "-978000000");
        context.put("monthToDate", "-1100000000");
        context.put("streakDirection", "outflow");
        context.put("streakDays", "3");
        context.put("label", "US spot Bitcoin ETFs");
        return context;
    }

    /** The same context with some keys replaced (a null value removes the key). */
    static Map<String, String> with(Map<String, String> context, String... keyValues) {
        Map<String, String> copy = new HashMap<>(context);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                copy.remove(keyValues[i]);
            } else {
                copy.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return copy;
    }

    static MetricUpdate monthToDate(String date, String value, String previous) {
        LocalDate day = LocalDate.parse(date);
        Map<String, String> context = previous == null ? Map.of() : Map.of("previous", previous);
        return new MetricUpdate("flow.month-to-date", BTC, day, close(day), new BigDecimal(value), context);
    }

    static MetricUpdate streak(String date, String value, String direction) {
        LocalDate day = LocalDate.parse(date);
        return new MetricUpdate("flow.streak", BTC, day, close(day), new BigDecimal(value), Map.of("direction", direction));
    }

    /** A 24 h change of the whole market cap at a given instant. */
    static MetricUpdate totalChange(String at, String percent) {
        return new MetricUpdate("quote.change", "TOTAL@24h", null, Instant.parse(at), new BigDecimal(percent),
                Map.of("field", "marketCap", "window", "24h"));
    }
}
