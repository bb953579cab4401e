package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.events.MetricUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultMessagesTest {

    private static Rule demo(String id) {
        return DemoRules.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theRecordAlertReadsLikeTheNews() {
        assertEquals("US spot Bitcoin ETFs: net outflow of $817.9M on 2026-01-29, the largest daily outflow since"
                        + " 2025-11-20; week to date \u2212$978.0M",
                DefaultMessages.render(demo("btc-daily-outflow-record-60d"), Updates.btcOn20260129()));
    }

    @Test
    void aRecordWithoutAnEarlierLargerDayIsBoundedByHistory() {
        MetricUpdate update = Updates.daily("2026-01-21", "-1000000000", Updates.with(Updates.btcContext20260129(),
                "recordSince", null, "recordDaysSince", null, "historyDays", "69", "weekToDate", "-1263600000"));
        assertEquals("US spot Bitcoin ETFs: net outflow of $1.00B on 2026-01-21, the largest daily outflow in the 69 days"
                        + " of history; week to date \u2212$1.26B",
                DefaultMessages.render(demo("btc-daily-outflow-record-60d"), update));
    }

    @Test
    void aThresholdRuleMakesNoRecordClaimAndAStreakRuleCountsTheDays() {
        assertEquals("US spot Bitcoin ETFs: net outflow of $817.9M on 2026-01-29; week to date \u2212$978.0M",
                DefaultMessages.render(demo("btc-daily-outflow-500m"), Updates.btcOn20260129()));
        assertEquals("US spot Bitcoin ETFs: net outflow of $817.9M on 2026-01-29, outflows on 3 trading days in a row;"
                        + " week to date \u2212$978.0M",
                DefaultMessages.render(demo("btc-outflow-streak-3d"), Updates.btcOn20260129()));
    }

    @Test
    void marketCapChange() {
        MetricUpdate update = new MetricUpdate("quote.change", "TOTAL@24h", null, Instant.parse("2026-01-29T20:00:00Z"),
                new BigDecimal("-6.00"), Map.of("from", "3106400000000", "to", "2920000000000",
                        "fromTime", "2026-01-28T20:00:00Z", "field", "marketCap", "window", "24h"));
        assertEquals("Whole crypto market market cap \u22126.00 % in 24h, from $3.11T to $2.92T (2026-01-29T20:00:00Z)",
                DefaultMessages.render(demo("crypto-market-cap-down-5pct-24h"), update));
    }

    @Test
    void liquidations() {
        MetricUpdate update = new MetricUpdate("liquidation.window", "hyperliquid:long@4h", null,
                Instant.parse("2026-01-29T15:57:00Z"), new BigDecimal("87100000"), Map.of("window", "4h", "count", "41"));
        assertEquals("Hyperliquid: $87.1M of long positions liquidated in 4h to 2026-01-29T15:57:00Z (41 liquidations)",
                DefaultMessages.render(demo("hyperliquid-long-liquidations-50m-4h"), update));
    }

    @Test
    void monthToDateWithThePreviousDay() {
        assertEquals("us-spot-etf:BTC: month-to-date net flow \u2212$1.10B on 2026-01-29, from \u2212$282.1M the previous trading day",
                DefaultMessages.render(demo("btc-month-to-date-below-zero"),
                        Updates.monthToDate("2026-01-29", "-1100000000", "-282100000")));
    }
}
