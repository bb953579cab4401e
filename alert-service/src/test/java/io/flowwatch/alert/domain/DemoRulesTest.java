package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoRulesTest {

    private static Rule demo(String id) {
        return DemoRules.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void sevenValidRulesWithUniqueIdsOnBothDemoChannels() {
        List<Rule> rules = DemoRules.all();
        assertEquals(7, rules.size());
        assertEquals(7, rules.stream().map(Rule::id).distinct().count());
        for (Rule rule : rules) {
            assertEquals(List.of(), RuleValidator.validate(rule), rule.id());
            assertEquals(List.of("demo-webhook", "demo-email"), rule.channels());
            assertTrue(rule.labels().containsKey("kind"), rule.id());
        }
    }

    @Test
    void theBtcRulesFireOnTheSeedWeeksBigDay() {
        var update = Updates.btcOn20260129();
        assertTrue(demo("btc-daily-outflow-500m").condition().isMetBy(update));
        assertTrue(demo("btc-daily-outflow-record-60d").condition().isMetBy(update));
        assertTrue(demo("btc-outflow-streak-3d").condition().isMetBy(update));
        assertFalse(demo("btc-daily-outflow-500m").condition().isMetBy(
                Updates.daily("2026-01-27", "-147300000", Map.of("direction", "outflow"))));
    }

    @Test
    void theMarketRulesUseTheirThresholdsInclusively() {
        assertTrue(demo("crypto-market-cap-down-5pct-24h").condition().isMetBy(Updates.totalChange("2026-01-29T20:00:00Z", "-5")));
        assertFalse(demo("crypto-market-cap-down-5pct-24h").condition().isMetBy(Updates.totalChange("2026-01-29T20:00:00Z", "-4.99")));
        assertTrue(demo("btc-month-to-date-below-zero").condition().isMetBy(Updates.monthToDate("2026-01-21", "-5", "10")));
    }

    @Test
    void theHourlyMarketRulesKeepFiringForSixHoursAndTheDailyOnesDoNot() {
        assertEquals(java.time.Duration.ofHours(6), demo("crypto-market-cap-down-5pct-24h").keepFiringFor());
        assertEquals(java.time.Duration.ofHours(6), demo("gold-down-3pct-24h").keepFiringFor());
        for (String id : List.of("btc-daily-outflow-500m", "btc-daily-outflow-record-60d", "btc-month-to-date-below-zero",
                "btc-outflow-streak-3d", "hyperliquid-long-liquidations-50m-4h")) {
            assertEquals(null, demo(id).keepFiringFor(), id);
        }
    }
}
