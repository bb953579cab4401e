package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.alert.domain.Notification.Kind;
import io.flowwatch.events.MetricUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Once while the condition lasts": the whole market cap's 24 h change goes −4, −5.5, −6, −6, −4.9, −5.2 %. The
 * demo rule (down 5 % or more, keeps firing for 6 h) fires at −5.5 and stays firing through the dip to −4.9 an
 * hour later: one episode, one notification. Without keepFiringFor the dip would resolve it and −5.2 would fire
 * a second episode.
 */
class MarketDropScenarioTest {

    private static final List<MetricUpdate> UPDATES = List.of(
            Updates.totalChange("2026-01-29T15:00:00Z", "-4"),
            Updates.totalChange("2026-01-29T16:00:00Z", "-5.5"),
            Updates.totalChange("2026-01-29T17:00:00Z", "-6"),
            Updates.totalChange("2026-01-29T18:00:00Z", "-6"),
            Updates.totalChange("2026-01-29T19:00:00Z", "-4.9"),
            Updates.totalChange("2026-01-29T20:00:00Z", "-5.2"));

    private static Rule demoRule() {
        return DemoRules.all().stream().filter(r -> r.id().equals("crypto-market-cap-down-5pct-24h")).findFirst().orElseThrow();
    }

    private record Outcome(List<AlertState> states, List<Notification> notifications, SeriesState last) {}

    private static Outcome run(Rule rule) {
        SeriesState state = null;
        List<AlertState> states = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        for (MetricUpdate update : UPDATES) {
            Evaluation evaluation = AlertEvaluator.evaluate(rule, state, update);
            state = evaluation.state();
            states.add(state.state());
            notifications.addAll(evaluation.notifications());
        }
        return new Outcome(states, notifications, state);
    }

    @Test
    void theDemoRuleFiresOnceThroughADip() {
        Outcome outcome = run(demoRule());
        assertEquals(List.of(AlertState.INACTIVE, AlertState.FIRING, AlertState.FIRING, AlertState.FIRING,
                AlertState.FIRING, AlertState.FIRING), outcome.states());
        assertEquals(List.of(Kind.FIRING), outcome.notifications().stream().map(Notification::kind).toList());
        assertEquals("-5.5", outcome.notifications().getFirst().update().value().toPlainString());
        assertEquals(1, outcome.last().episode());
    }

    @Test
    void withoutKeepFiringForTheDipEndsTheEpisode() {
        Rule r = demoRule();
        Rule eager = new Rule(r.id(), r.name(), r.selector(), r.condition(), r.forDuration(), null, r.severity(),
                r.labels(), r.channels(), r.repeatInterval(), r.notifyResolved(), r.messageTemplate());
        Outcome outcome = run(eager);
        assertEquals(List.of(AlertState.INACTIVE, AlertState.FIRING, AlertState.FIRING, AlertState.FIRING,
                AlertState.RESOLVED, AlertState.FIRING), outcome.states());
        assertEquals(List.of("-5.5", "-5.2"),
                outcome.notifications().stream().map(n -> n.update().value().toPlainString()).toList());
        assertEquals(List.of(1, 2), outcome.notifications().stream().map(Notification::episode).toList());
    }
}
