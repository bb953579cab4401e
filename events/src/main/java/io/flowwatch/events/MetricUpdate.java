package io.flowwatch.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * A new value of one metric series, published by analytics for the alert service and the live stream.
 *
 * @param metric one of {@link MetricName}, e.g. {@code flow.daily}
 * @param scope the series: an asset class ({@code us-spot-etf:BTC}), a product ({@code IBIT}), an instrument
 *     ({@code TOTAL}) or a venue/side pair ({@code hyperliquid:long})
 * @param date the trading date the value belongs to, for daily metrics; null otherwise
 * @param at the instant the value holds at (end of the window for time-based metrics)
 * @param value the value; money in US dollars, percentages as percent
 * @param context what makes the value quotable, e.g. {@code recordSince}, {@code streakDays}, {@code window}
 */
public record MetricUpdate(
        String metric, String scope, LocalDate date, Instant at, BigDecimal value, Map<String, String> context)
        implements EventData {

    public MetricUpdate {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(at, "at");
        value = Money.canonical(value);
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    @Override
    public EventType eventType() {
        return EventType.METRIC;
    }

    @Override
    public String subject() {
        return metric + "/" + scope;
    }

    @Override
    public String routingKey() {
        return Topology.routingKey(EventType.METRIC, metric, scope);
    }
}
