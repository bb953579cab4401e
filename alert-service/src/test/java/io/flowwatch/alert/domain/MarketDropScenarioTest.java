package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.alert.domain.Notification.Kind;
import io.flowwatch.events.MetricUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Once while the condition lasts": the whole market cap's 24 h change goes −4, −5.5, −6, −6, −4.9, −5.2 %. The
 * demo rule (down 5 % or more) fires at −5.5, stays quiet through −6 and −6, resolves at −4.9 and fires again
 * at −5.2: two episodes, two firing notifications.
 */
class MarketDropScenarioTest {

    @Test
    void firesOncePerEpisode() {
        Rule rule = DemoRules.all().stream().filter(r -> r.id().equals("crypto-market-cap-down-5pct-24h")).findFirst().orElseThrow();
        List<MetricUpdate> updates = List.of(
                Updates.totalChange("2026-01-29T15:00:00Z", "-4"),
                Updates.totalChange("2026-01-29T16:00:00Z", "-5.5"),
                Updates.totalChange("2026-01-29T17:00:00Z", "-6"),
                Updates.totalChange("2026-01-29T18:00:00Z", "-6"),
                Updates.totalChange("2026-01-29T19:00:00Z", "-4.9"),
                Updates.totalChange("2026-01-29T20:00:00Z", "-5.2"));

        SeriesState state = null;
        List<AlertState> states = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        for (MetricUpdate update : updates) {
            Evaluation evaluation = AlertEvaluator.evaluate(rule, state, update);
            state = evaluation.state();
            states.add(state.state());
            notifications.addAll(evaluation.notifications());
        }

        assertEquals(List.of(AlertState.INACTIVE, AlertState.FIRING, AlertState.FIRING, AlertState.FIRING,
                AlertState.RESOLVED, AlertState.FIRING), states);
        assertEquals(List.of(Kind.FIRING, Kind.FIRING), notifications.stream().map(Notification::kind).toList());
        assertEquals(List.of("-5.5", "-5.2"),
                notifications.stream().map(n -> n.update().value().toPlainString()).toList());
        assertEquals(List.of(1, 2), notifications.stream().map(Notification::episode).toList());
        assertEquals(2, state.episode());
    }
}
