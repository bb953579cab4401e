package io.flowwatch.alert.domain;

import io.flowwatch.alert.domain.Condition.Crossing;
import io.flowwatch.alert.domain.Condition.Direction;
import io.flowwatch.alert.domain.Condition.Operator;
import io.flowwatch.alert.domain.Condition.StreakReaches;
import io.flowwatch.alert.domain.Condition.Threshold;
import io.flowwatch.events.MetricName;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The rule set of the seed-week demo (see {@code scenarios/seed-week/README.md}): the alerts the news of late
 * January 2026 would have raised. No for-durations, repeats or resolved notices: each alert is told once. The two
 * rules on hourly 24 h changes keep firing for 6 h after their condition stops holding, because a 24 h change
 * flickers around its threshold (gold on 2026-01-29: −3 % or worse at 15:00Z, −2.95 % at 16:00Z, worse again from
 * 17:00Z) and "once, while the condition lasts" means one alert for such a day, not two.
 */
public final class DemoRules {

    public static final List<String> CHANNELS = List.of("demo-webhook", "demo-email");
    public static final String BTC_ETFS = "us-spot-etf:BTC";
    /** How long the market rules outlast a flicker of their condition. */
    public static final Duration MARKET_KEEP_FIRING_FOR = Duration.ofHours(6);

    private DemoRules() {}

    public static List<Rule> all() {
        return List.of(
                rule("btc-daily-outflow-500m", "BTC spot ETF daily net flow below −$500M",
                        MetricName.FLOW_DAILY, BTC_ETFS,
                        new Threshold(Operator.LT, new BigDecimal("-500000000")),
                        "warning", Map.of("asset", "BTC", "kind", "etf-flow")),
                rule("btc-daily-outflow-record-60d", "BTC spot ETF daily outflow the largest in at least 60 days",
                        MetricName.FLOW_DAILY, BTC_ETFS,
                        new Condition.Record("outflow", 60),
                        "warning", Map.of("asset", "BTC", "kind", "etf-flow")),
                rule("btc-month-to-date-below-zero", "BTC spot ETF month-to-date flow crosses below zero",
                        MetricName.FLOW_MONTH_TO_DATE, BTC_ETFS,
                        new Crossing(Direction.DOWN, BigDecimal.ZERO),
                        "info", Map.of("asset", "BTC", "kind", "etf-flow")),
                rule("btc-outflow-streak-3d", "BTC spot ETF outflow streak reaches 3 trading days",
                        MetricName.FLOW_DAILY, BTC_ETFS,
                        new StreakReaches("outflow", 3),
                        "info", Map.of("asset", "BTC", "kind", "etf-flow")),
                rule("crypto-market-cap-down-5pct-24h", "Whole crypto market cap down 5 % or more in 24 h",
                        MetricName.QUOTE_CHANGE, "TOTAL@24h",
                        new Threshold(Operator.LTE, new BigDecimal("-5")), MARKET_KEEP_FIRING_FOR,
                        "critical", Map.of("asset", "TOTAL", "kind", "market-cap")),
                rule("gold-down-3pct-24h", "Gold down 3 % or more in 24 h",
                        MetricName.QUOTE_CHANGE, "XAU@24h",
                        new Threshold(Operator.LTE, new BigDecimal("-3")), MARKET_KEEP_FIRING_FOR,
                        "warning", Map.of("asset", "XAU", "kind", "price")),
                rule("hyperliquid-long-liquidations-50m-4h", "Hyperliquid long liquidations above $50M within 4 h",
                        MetricName.LIQUIDATION_WINDOW, "hyperliquid:long@4h",
                        new Threshold(Operator.GT, new BigDecimal("50000000")),
                        "warning", Map.of("venue", "hyperliquid", "side", "long", "kind", "liquidation")));
    }

    private static Rule rule(String id, String name, MetricName metric, String scope, Condition condition,
            String severity, Map<String, String> labels) {
        return rule(id, name, metric, scope, condition, null, severity, labels);
    }

    private static Rule rule(String id, String name, MetricName metric, String scope, Condition condition,
            Duration keepFiringFor, String severity, Map<String, String> labels) {
        return new Rule(id, name, new MetricSelector(metric.wireName(), scope), condition, null, keepFiringFor,
                severity, labels, CHANNELS, null, false, null);
    }
}
