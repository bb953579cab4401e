package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.alert.domain.Condition.AllOf;
import io.flowwatch.alert.domain.Condition.AnyOf;
import io.flowwatch.alert.domain.Condition.Crossing;
import io.flowwatch.alert.domain.Condition.Direction;
import io.flowwatch.alert.domain.Condition.Operator;
import io.flowwatch.alert.domain.Condition.StreakReaches;
import io.flowwatch.alert.domain.Condition.Threshold;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleValidatorTest {

    private static Rule rule(String metric, String scope, Condition condition) {
        return new Rule("r1", "a rule", new MetricSelector(metric, scope), condition, null, null, "warning", null,
                List.of("demo-webhook"), null, false, null);
    }

    private static Threshold threshold(Operator op, int value) {
        return new Threshold(op, BigDecimal.valueOf(value));
    }

    /** Asserts exactly one problem, on the given field, whose reason contains the given words. */
    private static void assertOneProblem(Rule rule, String field, String reasonPart) {
        List<RuleProblem> problems = RuleValidator.validate(rule);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(field, problems.getFirst().field());
        assertTrue(problems.getFirst().reason().contains(reasonPart), problems.getFirst().reason());
    }

    @Test
    void aSoundRuleHasNoProblems() {
        assertEquals(List.of(), RuleValidator.validate(rule("flow.daily", "us-spot-etf:BTC",
                new AllOf(List.of(threshold(Operator.LT, 0), new Condition.Record("outflow", 60))))));
    }

    @Test
    void aNameThatWouldAddMailHeadersOrLogLinesIsRefused() {
        Threshold below = threshold(Operator.LT, 0);
        assertOneProblem(new Rule("r1", "BTC\r\nBcc: everyone@example.com", new MetricSelector("flow.daily",
                "us-spot-etf:BTC"), below, null, null, "warning", null, List.of(), null, false, null), "name",
                "control characters");
        assertOneProblem(new Rule("r1", "x".repeat(201), new MetricSelector("flow.daily", "us-spot-etf:BTC"), below,
                null, null, "warning", null, List.of(), null, false, null), "name", "200");
    }

    @Test
    void unknownMetricAndEmptyScope() {
        assertOneProblem(rule("flow.hourly", "us-spot-etf:BTC", threshold(Operator.LT, 0)), "selector.metric", "unknown");
        assertOneProblem(rule("flow.daily", " ", threshold(Operator.LT, 0)), "selector.scope", "empty");
    }

    @Test
    void contradictoryThresholdsCanNeverFire() {
        assertOneProblem(rule("quote.change", "TOTAL@24h",
                new AllOf(List.of(threshold(Operator.GT, 10), threshold(Operator.LT, 5)))), "condition", "> 10");
        assertOneProblem(rule("quote.change", "TOTAL@24h",
                new AllOf(List.of(threshold(Operator.GTE, 5), new AllOf(List.of(threshold(Operator.LT, 5)))))),
                "condition", "never fire");
    }

    @Test
    void touchingInclusiveBoundsAndOverlappingRangesAreFine() {
        assertEquals(List.of(), RuleValidator.validate(rule("quote.change", "TOTAL@24h",
                new AllOf(List.of(threshold(Operator.GTE, 5), threshold(Operator.LTE, 5))))));
        assertEquals(List.of(), RuleValidator.validate(rule("quote.change", "TOTAL@24h",
                new AllOf(List.of(threshold(Operator.GT, -10), threshold(Operator.LT, -5))))));
        assertEquals(List.of(), RuleValidator.validate(rule("quote.change", "TOTAL@24h",
                new AnyOf(List.of(threshold(Operator.GT, 10), threshold(Operator.LT, 5))))), "either may hold");
    }

    @Test
    void recordAndStreakOnlyOnMetricsThatCarryThem() {
        assertOneProblem(rule("quote.change", "TOTAL@24h", new Condition.Record("outflow", 60)), "condition", "flow.daily");
        assertOneProblem(rule("flow.month-to-date", "us-spot-etf:BTC", new StreakReaches("outflow", 3)),
                "condition", "streaks");
        assertEquals(List.of(), RuleValidator.validate(rule("flow.streak", "us-spot-etf:BTC", new StreakReaches("outflow", 3))));
    }

    @Test
    void crossingNeedsAMetricWithPrevious() {
        assertOneProblem(rule("flow.daily", "us-spot-etf:BTC", new Crossing(Direction.DOWN, BigDecimal.ZERO)),
                "condition", "previous");
        assertEquals(List.of(), RuleValidator.validate(
                rule("flow.cumulative", "us-spot-etf:BTC", new Crossing(Direction.DOWN, BigDecimal.ZERO))));
    }

    @Test
    void daysBelowOneAndBadDirections() {
        assertOneProblem(rule("flow.daily", "us-spot-etf:BTC", new Condition.Record("outflow", 0)), "condition", "minDays");
        assertOneProblem(rule("flow.daily", "us-spot-etf:BTC", new StreakReaches("outflow", 0)), "condition", "days");
        assertOneProblem(rule("flow.daily", "us-spot-etf:BTC", new StreakReaches("out", 3)), "condition", "direction");
    }

    @Test
    void emptyCompoundsAreNamedByTheirPath() {
        assertOneProblem(rule("flow.daily", "us-spot-etf:BTC", new AnyOf(List.of())), "condition", "anyOf is empty");
        assertOneProblem(rule("flow.daily", "us-spot-etf:BTC",
                new AnyOf(List.of(threshold(Operator.LT, 0), new AllOf(List.of())))), "condition.anyOf[1]", "allOf is empty");
    }

    @Test
    void badSeverityAndNegativeDurations() {
        Rule rule = new Rule("r1", "a rule", new MetricSelector("flow.daily", "us-spot-etf:BTC"),
                threshold(Operator.LT, 0), Duration.ofMinutes(-1), Duration.ofHours(-6), "urgent", null, null,
                Duration.ofMinutes(-5), false, null);
        List<String> fields = RuleValidator.validate(rule).stream().map(RuleProblem::field).toList();
        assertEquals(List.of("severity", "forDuration", "keepFiringFor", "repeatInterval"), fields);
    }
}
