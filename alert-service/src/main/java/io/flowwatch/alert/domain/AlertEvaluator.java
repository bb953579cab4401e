package io.flowwatch.alert.domain;

import io.flowwatch.alert.domain.Notification.Kind;
import io.flowwatch.events.MetricUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Moves one rule on one series through inactive → pending → firing → resolved, as a pure function of the stored
 * state and an update. Time is the update's {@code at}, never the wall clock, so replaying a data set gives the
 * same alerts with the same notification ids.
 *
 * <p>A daily series ({@code date != null}) is one trading day: its figure may be revised, so a changed value is
 * re-evaluated while the same value again is a no-op. A continuous series (quotes, liquidations) only moves
 * forward: an update not newer than the last one seen is a duplicate or arrived late, and is ignored.
 */
public final class AlertEvaluator {

    private AlertEvaluator() {}

    /** The series an update belongs to: {@code metric/scope}, plus {@code @date} for daily metrics. */
    public static String seriesKey(MetricUpdate update) {
        String key = update.metric() + "/" + update.scope();
        return update.date() == null ? key : key + "@" + update.date();
    }

    /**
     * The labels of an alert: the rule's own, plus {@code rule}, {@code severity}, {@code metric} and
     * {@code scope} (and {@code date} for a daily series), which silences and inhibit rules can match. The
     * built-in ones win over a rule label of the same name, so they can be trusted.
     */
    public static Map<String, String> alertLabels(Rule rule, MetricUpdate update) {
        Map<String, String> labels = new LinkedHashMap<>(rule.labels());
        labels.put("rule", rule.id());
        labels.put("severity", rule.severity());
        labels.put("metric", update.metric());
        labels.put("scope", update.scope());
        if (update.date() != null) {
            labels.put("date", update.date().toString());
        }
        return labels;
    }

    /**
     * Evaluates an update of a series the rule selects.
     *
     * @param current the stored state of this rule and series; null if never seen
     * @throws IllegalArgumentException if the rule does not select the update, or the state is another series'
     */
    public static Evaluation evaluate(Rule rule, SeriesState current, MetricUpdate update) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(update, "update");
        if (!rule.selector().matches(update)) {
            throw new IllegalArgumentException("rule " + rule.id() + " does not select " + update.subject());
        }
        String series = seriesKey(update);
        if (current != null && !current.series().equals(series)) {
            throw new IllegalArgumentException("state of " + current.series() + " given for " + series);
        }
        if (current != null && isNothingNew(current, update)) {
            return Evaluation.unchanged(current);
        }
        Step step = new Step(rule, update, series, current != null ? current : SeriesState.unseen(series));
        if (rule.condition().isMetBy(update)) {
            step.conditionHolds();
        } else {
            step.conditionFails();
        }
        return step.result();
    }

    private static boolean isNothingNew(SeriesState current, MetricUpdate update) {
        if (update.date() != null) {
            return current.lastSeenAt() != null && Objects.equals(current.lastValue(), update.value());
        }
        return current.lastSeenAt() != null && !update.at().isAfter(current.lastSeenAt());
    }

    /** The working copy of a series state while one update is evaluated. */
    private static final class Step {
        private final Rule rule;
        private final MetricUpdate update;
        private final Instant at;
        private final String series;
        private final Map<String, String> labels;
        private final List<Transition> transitions = new ArrayList<>();
        private final List<Notification> notifications = new ArrayList<>();

        private AlertState state;
        private Instant activeSince;
        private Instant firingSince;
        private Instant lastNotifiedAt;
        private int episode;
        private int repeatsSent;

        Step(Rule rule, MetricUpdate update, String series, SeriesState prior) {
            this.rule = rule;
            this.update = update;
            this.at = update.at();
            this.series = series;
            this.labels = alertLabels(rule, update);
            this.state = prior.state();
            this.activeSince = prior.activeSince();
            this.firingSince = prior.firingSince();
            this.lastNotifiedAt = prior.lastNotifiedAt();
            this.episode = prior.episode();
            this.repeatsSent = prior.repeatsSent();
        }

        void conditionHolds() {
            switch (state) {
                case INACTIVE, RESOLVED -> {
                    episode++;
                    activeSince = at;
                    firingSince = null;
                    repeatsSent = 0;
                    if (rule.waitsBeforeFiring()) {
                        moveTo(AlertState.PENDING);
                    } else {
                        fire();
                    }
                }
                case PENDING -> {
                    if (Duration.between(activeSince, at).compareTo(rule.forDuration()) >= 0) {
                        fire();
                    }
                }
                case FIRING -> {
                    Duration repeat = rule.repeatInterval();
                    if (repeat != null && Duration.between(lastNotifiedAt, at).compareTo(repeat) >= 0) {
                        repeatsSent++;
                        notifyNow(Kind.REPEAT, repeatsSent);
                    }
                }
            }
        }

        void conditionFails() {
            switch (state) {
                case PENDING -> moveTo(AlertState.INACTIVE);
                case FIRING -> {
                    moveTo(AlertState.RESOLVED);
                    if (rule.notifyResolved()) {
                        notifyNow(Kind.RESOLVED, 0);
                    }
                }
                case INACTIVE, RESOLVED -> { } // nothing was going on, nothing to end
            }
        }

        private void fire() {
            moveTo(AlertState.FIRING);
            firingSince = at;
            notifyNow(Kind.FIRING, 0);
        }

        private void moveTo(AlertState next) {
            transitions.add(new Transition(rule.id(), series, state, next, at, update.value(), episode, labels));
            state = next;
        }

        private void notifyNow(Kind kind, int repeat) {
            notifications.add(new Notification(
                    Notification.idFor(rule.id(), series, episode, Notification.kindName(kind, repeat)),
                    rule.id(), series, kind, episode, repeat, at, rule.severity(), labels, rule.channels(), update));
            lastNotifiedAt = at;
        }

        Evaluation result() {
            SeriesState next = new SeriesState(series, state, activeSince, firingSince, lastNotifiedAt,
                    episode, repeatsSent, update.value(), at);
            return new Evaluation(next, transitions, notifications);
        }
    }
}
