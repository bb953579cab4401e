package io.flowwatch.alert.domain;

import static io.flowwatch.alert.domain.Updates.btcContext20260129;
import static io.flowwatch.alert.domain.Updates.daily;
import static io.flowwatch.alert.domain.Updates.with;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.alert.domain.Condition.AllOf;
import io.flowwatch.alert.domain.Condition.AnyOf;
import io.flowwatch.alert.domain.Condition.Crossing;
import io.flowwatch.alert.domain.Condition.Direction;
import io.flowwatch.alert.domain.Condition.Operator;
import io.flowwatch.alert.domain.Condition.StreakReaches;
import io.flowwatch.alert.domain.Condition.Threshold;
import io.flowwatch.events.MetricUpdate;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {

    private static Threshold threshold(Operator op, String value) {
        return new Threshold(op, new BigDecimal(value));
    }

    private static MetricUpdate value(String v) {
        return daily("2026-01-29", v, Map.of());
    }

    @Test
    void thresholdOperatorsCompareTheValueExactlyAtTheEdge() {
        assertTrue(threshold(Operator.LT, "-500000000").isMetBy(value("-817900000")));
        assertFalse(threshold(Operator.LT, "-500000000").isMetBy(value("-500000000")));
        assertTrue(threshold(Operator.LTE, "-500000000").isMetBy(value("-500000000.00")));
        assertFalse(threshold(Operator.GT, "10").isMetBy(value("10")));
        assertTrue(threshold(Operator.GT, "10").isMetBy(value("10.01")));
        assertTrue(threshold(Operator.GTE, "10").isMetBy(value("10")));
        assertFalse(threshold(Operator.GTE, "10").isMetBy(value("9.99")));
    }

    @Test
    void crossingDownNeedsPreviousAtOrAboveAndValueBelowTheLevel() {
        Crossing down = new Crossing(Direction.DOWN, BigDecimal.ZERO);
        assertTrue(down.isMetBy(Updates.monthToDate("2025-12-01", "-10", "0")), "from zero before the month's first day");
        assertTrue(down.isMetBy(Updates.monthToDate("2026-01-21", "-5", "20")));
        assertFalse(down.isMetBy(Updates.monthToDate("2026-01-22", "-8", "-5")), "already below: no new crossing");
        assertFalse(down.isMetBy(Updates.monthToDate("2026-01-23", "0", "5")), "reaching the level is not crossing it");
        assertFalse(down.isMetBy(Updates.monthToDate("2025-11-13", "-10", null)), "never on the first day of history");
    }

    @Test
    void crossingUpIsTheMirrorImage() {
        Crossing up = new Crossing(Direction.UP, BigDecimal.ZERO);
        assertTrue(up.isMetBy(Updates.monthToDate("2026-01-05", "3", "-2")));
        assertTrue(up.isMetBy(Updates.monthToDate("2026-01-05", "3", "0")));
        assertFalse(up.isMetBy(Updates.monthToDate("2026-01-05", "-3", "2")));
        assertFalse(up.isMetBy(Updates.monthToDate("2026-01-05", "3", null)));
    }

    @Test
    void recordUsesTheDaysSinceTheLastLargerDay() {
        Condition.Record record60 = new Condition.Record("outflow", 60);
        assertTrue(record60.isMetBy(Updates.btcOn20260129()), "70 days since 2025-11-20");
        assertFalse(new Condition.Record("outflow", 71).isMetBy(Updates.btcOn20260129()));
        assertTrue(new Condition.Record("outflow", 70).isMetBy(Updates.btcOn20260129()));
        assertFalse(new Condition.Record("inflow", 60).isMetBy(Updates.btcOn20260129()), "wrong direction");
    }

    @Test
    void recordWithoutAnEarlierLargerDayIsBoundedByTheHistory() {
        Condition.Record record60 = new Condition.Record("outflow", 60);
        Map<String, String> noEarlierLarger = with(btcContext20260129(),
                "recordSince", null, "recordDaysSince", null, "recordLastLarger", null);
        assertTrue(record60.isMetBy(daily("2026-01-21", "-1000000000", with(noEarlierLarger, "historyDays", "69"))));
        assertFalse(record60.isMetBy(daily("2025-11-20", "-903100000", with(noEarlierLarger, "historyDays", "7"))),
                "a 7-day history cannot hold a 60-day record");
    }

    @Test
    void recordIsFalseWhenTheLastLargerDayIsRecent() {
        Map<String, String> recent = with(btcContext20260129(), "recordSince", "2026-01-28", "recordDaysSince", "1");
        assertFalse(new Condition.Record("outflow", 60).isMetBy(daily("2026-01-29", "-817900000", recent)));
    }

    @Test
    void streakReachesFiresOnTheExactDayOnlyOnFlowDaily() {
        StreakReaches three = new StreakReaches("outflow", 3);
        assertTrue(three.isMetBy(Updates.btcOn20260129()));
        assertFalse(three.isMetBy(daily("2026-01-30", "-1", with(btcContext20260129(), "streakDays", "4"))),
                "once per streak, not on day 4");
        assertFalse(three.isMetBy(daily("2026-01-28", "-1", with(btcContext20260129(), "streakDays", "2"))));
        assertFalse(new StreakReaches("inflow", 3).isMetBy(Updates.btcOn20260129()));
    }

    @Test
    void streakReachesReadsValueAndDirectionOnFlowStreak() {
        StreakReaches three = new StreakReaches("outflow", 3);
        assertTrue(three.isMetBy(Updates.streak("2026-01-29", "3", "outflow")));
        assertTrue(three.isMetBy(Updates.streak("2026-01-29", "-3", "outflow")), "a signed length counts too");
        assertFalse(three.isMetBy(Updates.streak("2026-01-29", "3", "inflow")));
        assertFalse(three.isMetBy(Updates.streak("2026-01-30", "4", "outflow")));
    }

    @Test
    void allOfNeedsEveryConditionAndAnyOfOne() {
        Condition below = threshold(Operator.LT, "-500000000");
        Condition record = new Condition.Record("outflow", 60);
        Condition inflowRecord = new Condition.Record("inflow", 60);
        MetricUpdate update = Updates.btcOn20260129();
        assertTrue(new AllOf(List.of(below, record)).isMetBy(update));
        assertFalse(new AllOf(List.of(below, inflowRecord)).isMetBy(update));
        assertTrue(new AnyOf(List.of(inflowRecord, record)).isMetBy(update));
        assertFalse(new AnyOf(List.of(inflowRecord, threshold(Operator.GT, "0"))).isMetBy(update));
        assertFalse(new AllOf(List.of()).isMetBy(update), "an empty allOf must not fire on everything");
    }

    @Test
    void missingOrMalformedContextNeverFires() {
        MetricUpdate broken = daily("2026-01-29", "-817900000",
                Map.of("direction", "outflow", "recordSince", "2025-11-20", "recordDaysSince", "seventy"));
        assertFalse(new Condition.Record("outflow", 60).isMetBy(broken));
        assertFalse(new StreakReaches("outflow", 3).isMetBy(daily("2026-01-29", "-1", Map.of())));
        assertFalse(new StreakReaches("outflow", 3).isMetBy(daily("2026-01-29", "-3", Map.of("direction", "outflow"))),
                "a daily flow of -3 USD is not a 3-day streak");
    }
}
