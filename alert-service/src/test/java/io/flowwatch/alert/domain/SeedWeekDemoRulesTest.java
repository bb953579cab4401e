package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.alert.support.SeedWeekAlerts;
import io.flowwatch.alert.support.SeedWeekUpdates;
import io.flowwatch.events.Event;
import io.flowwatch.events.MetricUpdate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The demo rules over the seed week's metric updates, in memory: exactly the README's alert table, and the test
 * derivation of the updates agrees with the README's reference figures.
 */
class SeedWeekDemoRulesTest {

    private static final List<MetricUpdate> UPDATES = SeedWeekUpdates.all().stream().map(Event::data).toList();

    private static Map<String, List<String>> fire(List<MetricUpdate> updates, List<Notification> into) {
        Map<String, SeriesState> states = new HashMap<>();
        Map<String, List<String>> fired = new TreeMap<>();
        for (MetricUpdate update : updates) {
            for (Rule rule : DemoRules.all()) {
                if (!rule.selector().matches(update)) {
                    continue;
                }
                String key = rule.id() + "|" + AlertEvaluator.seriesKey(update);
                Evaluation evaluation = AlertEvaluator.evaluate(rule, states.get(key), update);
                states.put(key, evaluation.state());
                for (Notification n : evaluation.notifications()) {
                    into.add(n);
                    LocalDate date = n.update().date() != null ? n.update().date() : LocalDate.ofInstant(n.at(), ZoneOffset.UTC);
                    fired.computeIfAbsent(n.ruleId(), k -> new ArrayList<>()).add(date.toString());
                }
            }
        }
        fired.values().forEach(java.util.Collections::sort);
        return fired;
    }

    @Test
    void theDemoRulesFireExactlyTheReadmeTable() {
        List<Notification> notifications = new ArrayList<>();
        assertEquals(new TreeMap<>(SeedWeekAlerts.EXPECTED), fire(UPDATES, notifications));
        assertEquals(SeedWeekAlerts.count(), notifications.stream().map(Notification::id).distinct().count());
    }

    /**
     * Every update delivered twice in a row (a redelivery) changes nothing. A redelivery of everything much later is
     * recognised by the event ids in the service (an older version of a day's figure arriving after a newer one would
     * otherwise count as a revision: the record of 2026-01-29 would resolve and fire again).
     */
    @Test
    void everyUpdateDeliveredTwiceFiresNothingMore() {
        List<MetricUpdate> twice = new ArrayList<>();
        UPDATES.forEach(u -> {
            twice.add(u);
            twice.add(u);
        });
        List<Notification> notifications = new ArrayList<>();
        assertEquals(new TreeMap<>(SeedWeekAlerts.EXPECTED), fire(twice, notifications));
        assertEquals(SeedWeekAlerts.count(), notifications.size());
    }

    @Test
    void theDerivedFiguresMatchTheReadme() {
        MetricUpdate day = UPDATES.stream()
                .filter(u -> u.metric().equals("flow.daily") && u.scope().equals("us-spot-etf:BTC")
                        && u.date().toString().equals("2026-01-29"))
                .reduce((first, second) -> second).orElseThrow(); // the one with the full history
        assertEquals("-817900000", day.value().toPlainString());
        assertEquals("2025-11-20", day.context().get("recordSince"));
        assertEquals("70", day.context().get("recordDaysSince"));
        assertEquals("-903100000", day.context().get("recordLastLarger"));
        assertEquals("-978000000", day.context().get("weekToDate"));
        assertEquals("-1100000000", day.context().get("monthToDate"));
        assertEquals("3", day.context().get("streakDays"));
        MetricUpdate early = UPDATES.getFirst();
        assertEquals(day.value(), early.value());
        assertTrue(!early.context().containsKey("recordSince") && early.context().get("historyDays").equals("3"),
                "the day first arrives without its history: " + early.context());
        MetricUpdate cap = UPDATES.stream()
                .filter(u -> u.scope().equals("TOTAL@24h") && u.at().toString().equals("2026-01-29T20:00:00Z"))
                .findFirst().orElseThrow();
        assertEquals(0, new java.math.BigDecimal("-6.00").compareTo(cap.value()));
    }

    @Test
    void theRecordAlertReadsLikeTheNews() {
        List<Notification> notifications = new ArrayList<>();
        fire(UPDATES, notifications);
        Notification record = notifications.stream()
                .filter(n -> n.ruleId().equals("btc-daily-outflow-record-60d") && n.update().date().toString().equals("2026-01-29"))
                .findFirst().orElseThrow();
        Rule rule = DemoRules.all().stream().filter(r -> r.id().equals(record.ruleId())).findFirst().orElseThrow();
        assertEquals(SeedWeekAlerts.RECORD_MESSAGE, DefaultMessages.render(rule, record.update()));
    }
}
