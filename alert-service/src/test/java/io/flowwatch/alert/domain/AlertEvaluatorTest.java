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
                new Threshold(Operator.GT, new BigDecimal("50000000")), forDuration, null, "warning", Map.of("venue", "hyperliquid"),
                List.of("demo-webhook"), repeat, notifyResolved, null);
    }

    private static MetricUpdate liquidations(Instant at, String usd) {
        return new MetricUpdate("liquidation.window", "hyperliquid:long@4h", null, at, new BigDecimal(usd),
                Map.of("window", "4h", "count", "12"));
    }

    private static Rule dailyRule(boolean notifyResolved) {
        return new Rule("btc-daily-outflow-500m", "BTC below -500M", new MetricSelector("flow.daily", Updates.BTC),
                new Threshold(Operator.LT, new BigDecimal("-500000000")), null, null, "warning", Map.of(),
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

    private static Rule recordRule() {
        return new Rule("btc-daily-outflow-record-60d", "BTC record outflow", new MetricSelector("flow.daily", Updates.BTC),
                new Condition.Record("outflow", 60), null, null, "warning", Map.of(), List.of("demo-webhook"), null,
                false, null);
    }

    @Test
    void lateHistoryWithTheSameValueReEvaluatesTheDayAndFiresTheRecordOnce() {
        Rule rule = recordRule();
        // first known with five days of history: no "largest in 60 days" claim is possible yet
        MetricUpdate early = Updates.daily("2026-01-29", "-817900000", Updates.with(Updates.btcContext20260129(),
                "recordSince", null, "recordDaysSince", null, "recordLastLarger", null,
                "historyStart", "2026-01-23", "historyDays", "6"));
        // the history back to 2025-11-13 arrives later; the day's value is unchanged, its context is not
        MetricUpdate informed = Updates.btcOn20260129();
        MetricUpdate informedAgain = Updates.daily("2026-01-29", "-817900000.00",
                new java.util.TreeMap<>(Updates.btcContext20260129()));

        List<Evaluation> es = run(rule, early, informed, informedAgain);

        assertEquals(AlertState.INACTIVE, es.get(0).state().state());
        assertEquals(List.of(), es.get(0).notifications());
        assertEquals(AlertState.FIRING, es.get(1).state().state());
        assertEquals(1, es.get(1).notifications().size());
        assertEquals(Notification.idFor(rule.id(), "flow.daily/us-spot-etf:BTC@2026-01-29", 1, "firing"),
                es.get(1).notifications().getFirst().id());
        assertSame(es.get(1).state(), es.get(2).state(), "the same inputs again are a no-op");
        assertEquals(List.of(), es.get(2).transitions());
        assertEquals(List.of(), es.get(2).notifications());
    }

    @Test
    void aContextChangeThatKeepsTheConditionTrueDoesNotNotifyAgain() {
        Rule rule = recordRule();
        MetricUpdate first = Updates.btcOn20260129();
        MetricUpdate relabelled = Updates.daily("2026-01-29", "-817900000",
                Updates.with(Updates.btcContext20260129(), "label", "US spot BTC ETFs"));
        List<Evaluation> es = run(rule, first, relabelled);
        assertEquals(AlertState.FIRING, es.get(1).state().state());
        assertEquals(List.of(), es.get(1).transitions());
        assertEquals(List.of(), es.get(1).notifications());
        assertNotEquals(es.get(0).state().lastInputs(), es.get(1).state().lastInputs());
    }

    @Test
    void theInputsFingerprintIgnoresHowAmountsAreWrittenAndTheOrderOfTheContext() {
        MetricUpdate a = Updates.daily("2026-01-29", "-817900000", Map.of("x", "1", "y", "2"));
        MetricUpdate b = Updates.daily("2026-01-29", "-8.179E+8", new java.util.TreeMap<>(Map.of("y", "2", "x", "1")));
        MetricUpdate c = Updates.daily("2026-01-29", "-817900000", Map.of("x", "12"));
        MetricUpdate d = Updates.daily("2026-01-29", "-817900000", Map.of("x1", "2"));
        assertEquals(AlertEvaluator.inputsFingerprint(a), AlertEvaluator.inputsFingerprint(b));
        assertNotEquals(AlertEvaluator.inputsFingerprint(c), AlertEvaluator.inputsFingerprint(d));
    }

    /** Gold's 24 h change, hourly, with a 6 h keepFiringFor. */
    private static Rule goldRule(Duration keepFiringFor, boolean notifyResolved) {
        return new Rule("gold-down-3pct-24h", "Gold down 3 %", new MetricSelector("quote.change", "XAU@24h"),
                new Threshold(Operator.LTE, new BigDecimal("-3")), null, keepFiringFor, "warning", Map.of(),
                List.of("demo-webhook"), null, notifyResolved, null);
    }

    private static MetricUpdate gold(String at, String percent) {
        return new MetricUpdate("quote.change", "XAU@24h", null, Instant.parse(at), new BigDecimal(percent),
                Map.of("field", "price", "window", "24h"));
    }

    @Test
    void keepFiringForMakesAFlickeringConditionOneEpisode() {
        List<Evaluation> es = run(goldRule(Duration.ofHours(6), false),
                gold("2026-01-29T14:00:00Z", "-2.5"),
                gold("2026-01-29T15:00:00Z", "-3.10"),
                gold("2026-01-29T16:00:00Z", "-2.95"), // the flicker
                gold("2026-01-29T17:00:00Z", "-3.40"),
                gold("2026-01-29T18:00:00Z", "-4.00"));
        assertEquals(List.of(AlertState.INACTIVE, AlertState.FIRING, AlertState.FIRING, AlertState.FIRING, AlertState.FIRING),
                es.stream().map(e -> e.state().state()).toList());
        assertEquals(1, es.stream().mapToInt(e -> e.notifications().size()).sum());
        assertEquals(1, es.stream().mapToInt(e -> e.transitions().size()).sum(), "only inactive → firing");
        assertEquals(Instant.parse("2026-01-29T16:00:00Z"), es.get(2).state().keepFiringSince());
        assertNull(es.get(3).state().keepFiringSince(), "the condition is back: the clock stops");
        assertEquals(1, es.getLast().state().episode());
    }

    @Test
    void withoutKeepFiringForTheSameFlickerMakesTwoEpisodes() {
        List<Evaluation> es = run(goldRule(null, false),
                gold("2026-01-29T15:00:00Z", "-3.10"),
                gold("2026-01-29T16:00:00Z", "-2.95"),
                gold("2026-01-29T17:00:00Z", "-3.40"));
        assertEquals(2, es.stream().mapToInt(e -> e.notifications().size()).sum());
        assertEquals(2, es.getLast().state().episode());
    }

    @Test
    void keepFiringForResolvesOnceTheConditionFailedForThatLongInMetricTime() {
        List<Evaluation> es = run(goldRule(Duration.ofHours(6), true),
                gold("2026-01-29T15:00:00Z", "-3.10"),
                gold("2026-01-29T16:00:00Z", "-2.00"),
                gold("2026-01-29T21:59:59Z", "-1.00"),
                gold("2026-01-29T22:00:00Z", "-1.00"),
                gold("2026-01-29T23:00:00Z", "-1.00"));
        assertEquals(AlertState.FIRING, es.get(2).state().state(), "5 h 59 min 59 s is not yet 6 h");
        assertEquals(List.of(), es.get(2).notifications());
        Evaluation resolved = es.get(3);
        assertEquals(AlertState.RESOLVED, resolved.state().state());
        assertEquals(AlertState.FIRING, resolved.transitions().getFirst().from());
        assertEquals(Instant.parse("2026-01-29T22:00:00Z"), resolved.transitions().getFirst().at());
        assertEquals(Kind.RESOLVED, resolved.notifications().getFirst().kind());
        assertNull(resolved.state().keepFiringSince());
        assertEquals(List.of(), es.get(4).transitions());
    }

    @Test
    void aReturnOfTheConditionRestartsTheKeepFiringClock() {
        List<Evaluation> es = run(goldRule(Duration.ofHours(6), false),
                gold("2026-01-29T15:00:00Z", "-3.10"),
                gold("2026-01-29T16:00:00Z", "-2.00"),
                gold("2026-01-29T17:00:00Z", "-3.10"),
                gold("2026-01-29T18:00:00Z", "-2.00"),
                gold("2026-01-29T23:30:00Z", "-2.00")); // 7.5 h after the first dip, 5.5 h after the second
        assertEquals(AlertState.FIRING, es.getLast().state().state());
        assertEquals(Instant.parse("2026-01-29T18:00:00Z"), es.getLast().state().keepFiringSince());
    }

    @Test
    void aPendingAlertIsNotKeptByKeepFiringFor() {
        Rule rule = new Rule("p", "pending", new MetricSelector("quote.change", "XAU@24h"),
                new Threshold(Operator.LTE, new BigDecimal("-3")), Duration.ofHours(1), Duration.ofHours(6), "warning",
                Map.of(), List.of("demo-webhook"), null, false, null);
        List<Evaluation> es = run(rule, gold("2026-01-29T15:00:00Z", "-3.10"), gold("2026-01-29T15:30:00Z", "-2.00"));
        assertEquals(AlertState.INACTIVE, es.getLast().state().state());
    }
}
