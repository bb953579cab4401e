package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.alert.domain.Condition.Operator;
import io.flowwatch.alert.domain.Condition.Threshold;
import io.flowwatch.alert.domain.Notification.Kind;
import io.flowwatch.events.MetricUpdate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-01-29T12:00:00Z");

    /** Liquidations over $50M in 4 h: a continuous series. */
    private static Rule liquidationRule(Duration forDuration, Duration repeat, boolean notifyResolved) {
        return new Rule("hl-long-50m", "Hyperliquid longs", new MetricSelector("liquidation.window", "hyperliquid:long@4h"),
                new Threshold(Operator.GT, new BigDecimal("50000000")), forDuration, "warning", Map.of("venue", "hyperliquid"),
                List.of("demo-webhook"), repeat, notifyResolved, null);
    }

    private static MetricUpdate liquidations(Instant at, String usd) {
        return new MetricUpdate("liquidation.window", "hyperliquid:long@4h", null, at, new BigDecimal(usd),
                Map.of("window", "4h", "count", "12"));
    }

    private static Rule dailyRule(boolean notifyResolved) {
        return new Rule("btc-daily-outflow-500m", "BTC below -500M", new MetricSelector("flow.daily", Updates.BTC),
                new Threshold(Operator.LT, new BigDecimal("-500000000")), null, "warning", Map.of(),
                List.of("demo-webhook"), null, notifyResolved, null);
    }

    /** Feeds updates one after another, like the service does, and returns every evaluation. */
    private static List<Evaluation> run(Rule rule, MetricUpdate... updates) {
        SeriesState state = null;
        List<Evaluation> evaluations = new ArrayList<>();
        for (MetricUpdate update : updates) {
            Evaluation evaluation = AlertEvaluator.evaluate(rule, state, update);
            evaluations.add(evaluation);
            state = evaluation.state();
        }
        return evaluations;
    }

    @Test
    void aFalseConditionOnANewSeriesStaysInactiveQuietly() {
        Evaluation e = AlertEvaluator.evaluate(liquidationRule(null, null, true), null, liquidations(T0, "1000"));
        assertEquals(AlertState.INACTIVE, e.state().state());
        assertEquals(0, e.state().episode());
        assertEquals(List.of(), e.transitions());
        assertEquals(List.of(), e.notifications());
        assertEquals(T0, e.state().lastSeenAt());
    }

    @Test
    void aTrueConditionWithoutForDurationFiresAtOnceWithOneNotification() {
        Evaluation e = AlertEvaluator.evaluate(liquidationRule(null, null, false), null, liquidations(T0, "87100000"));
        assertEquals(AlertState.FIRING, e.state().state());
        assertEquals(T0, e.state().firingSince());
        assertEquals(1, e.state().episode());
        Transition t = e.transitions().getFirst();
        assertEquals(AlertState.INACTIVE, t.from());
        assertEquals(AlertState.FIRING, t.to());
        Notification n = e.notifications().getFirst();
        assertEquals(Kind.FIRING, n.kind());
        assertEquals(Notification.idFor("hl-long-50m", "liquidation.window/hyperliquid:long@4h", 1, "firing"), n.id());
        assertEquals("hyperliquid", n.labels().get("venue"));
        assertEquals("hl-long-50m", n.labels().get("rule"));
        assertEquals("warning", n.labels().get("severity"));
    }

    @Test
    void firingStaysFiringWithoutFurtherNotifications() {
        List<Evaluation> es = run(liquidationRule(null, null, false),
                liquidations(T0, "60000000"), liquidations(T0.plusSeconds(60), "70000000"),
                liquidations(T0.plusSeconds(120), "87100000"));
        assertEquals(1, es.stream().mapToInt(e -> e.notifications().size()).sum());
        assertEquals(AlertState.FIRING, es.getLast().state().state());
        assertEquals(List.of(), es.getLast().transitions());
    }

    @Test
    void forDurationHoldsTheAlertPendingUntilItHasPassedInMetricTime() {
        Rule rule = liquidationRule(Duration.ofMinutes(10), null, false);
        List<Evaluation> es = run(rule,
                liquidations(T0, "60000000"),
                liquidations(T0.plus(Duration.ofMinutes(5)), "60000000"),
                liquidations(T0.plus(Duration.ofMinutes(10)), "60000000"));
        assertEquals(AlertState.PENDING, es.get(0).state().state());
        assertEquals(AlertState.INACTIVE, es.get(0).transitions().getFirst().from());
        assertEquals(List.of(), es.get(0).notifications());
        assertEquals(AlertState.PENDING, es.get(1).state().state());
        assertEquals(List.of(), es.get(1).transitions());
        Evaluation fired = es.get(2);
        assertEquals(AlertState.FIRING, fired.state().state());
        assertEquals(AlertState.PENDING, fired.transitions().getFirst().from());
        assertEquals(T0, fired.state().activeSince());
        assertEquals(T0.plus(Duration.ofMinutes(10)), fired.state().firingSince());
        assertEquals(1, fired.notifications().size());
    }

    @Test
    void pendingThatStopsGoesBackToInactiveWithoutNotification() {
        List<Evaluation> es = run(liquidationRule(Duration.ofMinutes(10), null, true),
                liquidations(T0, "60000000"), liquidations(T0.plus(Duration.ofMinutes(5)), "40000000"));
        Evaluation stopped = es.get(1);
        assertEquals(AlertState.INACTIVE, stopped.state().state());
        assertEquals(AlertState.PENDING, stopped.transitions().getFirst().from());
        assertEquals(AlertState.INACTIVE, stopped.transitions().getFirst().to());
        assertEquals(List.of(), stopped.notifications(), "nothing was announced, so nothing is resolved");
    }

    @Test
    void repeatIntervalRemindsWhileFiringWithNumberedIds() {
        List<Evaluation> es = run(liquidationRule(null, Duration.ofHours(1), false),
                liquidations(T0, "60000000"),
                liquidations(T0.plus(Duration.ofMinutes(30)), "60000000"),
                liquidations(T0.plus(Duration.ofMinutes(60)), "60000000"),
                liquidations(T0.plus(Duration.ofMinutes(90)), "60000000"),
                liquidations(T0.plus(Duration.ofMinutes(125)), "60000000"));
        List<Notification> all = es.stream().flatMap(e -> e.notifications().stream()).toList();
        assertEquals(List.of("firing", "repeat-1", "repeat-2"), all.stream().map(Notification::kindName).toList());
        assertEquals(T0.plus(Duration.ofMinutes(60)), all.get(1).at());
        assertEquals(T0.plus(Duration.ofMinutes(125)), all.get(2).at());
        assertEquals(3, all.stream().map(Notification::id).distinct().count());
    }

    @Test
    void firingThatStopsResolvesAndNotifiesOnlyWhenAsked() {
        MetricUpdate high = liquidations(T0, "60000000");
        MetricUpdate low = liquidations(T0.plusSeconds(60), "10000000");
        Evaluation quiet = run(liquidationRule(null, null, false), high, low).getLast();
        assertEquals(AlertState.RESOLVED, quiet.state().state());
        assertEquals(AlertState.FIRING, quiet.transitions().getFirst().from());
        assertEquals(List.of(), quiet.notifications());

        Evaluation told = run(liquidationRule(null, null, true), high, low).getLast();
        assertEquals(Kind.RESOLVED, told.notifications().getFirst().kind());
        assertEquals(Notification.idFor("hl-long-50m", "liquidation.window/hyperliquid:long@4h", 1, "resolved"),
                told.notifications().getFirst().id());
    }

    @Test
    void aNewEpisodeAfterResolvingFiresAgainWithANewId() {
        List<Evaluation> es = run(liquidationRule(null, null, false),
                liquidations(T0, "60000000"), liquidations(T0.plusSeconds(60), "1"), liquidations(T0.plusSeconds(120), "60000000"));
        Evaluation again = es.getLast();
        assertEquals(AlertState.RESOLVED, again.transitions().getFirst().from());
        assertEquals(2, again.state().episode());
        assertNotEquals(es.getFirst().notifications().getFirst().id(), again.notifications().getFirst().id());
    }

    @Test
    void anOlderOrDuplicateUpdateOfAContinuousSeriesIsIgnored() {
        Rule rule = liquidationRule(null, null, true);
        SeriesState firing = AlertEvaluator.evaluate(rule, null, liquidations(T0, "60000000")).state();

        Evaluation late = AlertEvaluator.evaluate(rule, firing, liquidations(T0.minusSeconds(60), "1"));
        assertSame(firing, late.state(), "a late low value must not resolve a newer firing state");
        assertEquals(List.of(), late.notifications());

        Evaluation duplicate = AlertEvaluator.evaluate(rule, firing, liquidations(T0, "60000000"));
        assertSame(firing, duplicate.state());
        assertEquals(List.of(), duplicate.notifications(), "a redelivery must not notify twice");
    }

    @Test
    void aDailyFigureDeliveredAgainIsANoOp() {
        Rule rule = dailyRule(true);
        MetricUpdate day = Updates.btcOn20260129();
        SeriesState firing = AlertEvaluator.evaluate(rule, null, day).state();
        Evaluation again = AlertEvaluator.evaluate(rule, firing,
                Updates.daily("2026-01-29", "-817900000.00", Updates.btcContext20260129()));
        assertSame(firing, again.state());
        assertEquals(List.of(), again.transitions());
        assertEquals(List.of(), again.notifications());
    }

    @Test
    void aRevisionThatTurnsAFiringDayOffResolvesItAndOneThatTurnsItBackOnFiresAnewEpisode() {
        Rule rule = dailyRule(true);
        List<Evaluation> es = run(rule,
                Updates.daily("2026-01-29", "-817900000", Map.of()),
                Updates.daily("2026-01-29", "-417900000", Map.of()), // revised: not below -500M after all
                Updates.daily("2026-01-29", "-617900000", Map.of()));
        assertEquals(AlertState.FIRING, es.get(0).state().state());
        Evaluation revisedOff = es.get(1);
        assertEquals(AlertState.RESOLVED, revisedOff.state().state());
        assertEquals(Kind.RESOLVED, revisedOff.notifications().getFirst().kind());
        assertEquals(0, new BigDecimal("-417900000").compareTo(revisedOff.state().lastValue()));
        Evaluation revisedOn = es.get(2);
        assertEquals(AlertState.FIRING, revisedOn.state().state());
        assertEquals(2, revisedOn.state().episode());
    }

    @Test
    void aRevisionThatKeepsTheDayFiringDoesNotNotifyAgain() {
        Evaluation e = run(dailyRule(false),
                Updates.daily("2026-01-29", "-817900000", Map.of()),
                Updates.daily("2026-01-29", "-820000000", Map.of())).getLast();
        assertEquals(AlertState.FIRING, e.state().state());
        assertEquals(List.of(), e.notifications());
    }

    @Test
    void everyTradingDayIsItsOwnSeries() {
        Rule rule = dailyRule(false);
        Evaluation day1 = AlertEvaluator.evaluate(rule, null, Updates.daily("2026-01-21", "-1000000000", Map.of()));
        Evaluation day2 = AlertEvaluator.evaluate(rule, null, Updates.btcOn20260129());
        assertEquals("flow.daily/us-spot-etf:BTC@2026-01-21", day1.state().series());
        assertEquals("flow.daily/us-spot-etf:BTC@2026-01-29", day2.state().series());
        assertNotEquals(day1.notifications().getFirst().id(), day2.notifications().getFirst().id());
        assertThrows(IllegalArgumentException.class,
                () -> AlertEvaluator.evaluate(rule, day1.state(), Updates.btcOn20260129()), "another series' state");
    }

    @Test
    void replayingTheSameUpdatesGivesTheSameNotificationIds() {
        MetricUpdate[] updates = {liquidations(T0, "60000000"), liquidations(T0.plusSeconds(60), "1"),
                liquidations(T0.plusSeconds(120), "60000000")};
        Rule rule = liquidationRule(null, null, true);
        List<Object> first = run(rule, updates).stream().flatMap(e -> e.notifications().stream()).map(n -> (Object) n.id()).toList();
        List<Object> second = run(rule, updates).stream().flatMap(e -> e.notifications().stream()).map(n -> (Object) n.id()).toList();
        assertEquals(3, first.size());
        assertEquals(first, second);
    }

    @Test
    void anUpdateTheRuleDoesNotSelectIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> AlertEvaluator.evaluate(dailyRule(false), null, liquidations(T0, "60000000")));
    }

    @Test
    void transitionsBecomeContractEvents() {
        Rule rule = liquidationRule(null, null, false);
        Transition t = AlertEvaluator.evaluate(rule, null, liquidations(T0, "87100000")).transitions().getFirst();
        var event = t.toEvent(rule, "text");
        assertEquals("firing", event.state());
        assertEquals("warning", event.severity());
        assertEquals("liquidation.window/hyperliquid:long@4h", event.series());
        assertTrue(event.labels().containsKey("venue"));
        assertNull(AlertEvaluator.evaluate(rule, null, liquidations(T0, "1")).state().firingSince());
    }
}
