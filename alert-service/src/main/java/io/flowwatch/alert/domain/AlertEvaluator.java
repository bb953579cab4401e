package io.flowwatch.alert.domain;

import io.flowwatch.alert.domain.Notification.Kind;
import io.flowwatch.events.MetricUpdate;
import java.time.Duration;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Moves one rule on one series through inactive → pending → firing → resolved, as a pure function of the stored
 * state and an update. Time is the update's {@code at}, never the wall clock, so replaying a data set gives the
 * same alerts with the same notification ids.
 *
 * <p>A daily series ({@code date != null}) is one trading day: its figure may be revised, and so may what analytics
 * knows around it (history that arrives late turns "no record claim" into "the largest since 2025-11-20" for the
 * same value), so an update is re-evaluated when its value or its context changed, while exactly the same inputs
 * again are a no-op. A continuous series (quotes, liquidations) only moves forward: an update not newer than the
 * last one seen is a duplicate or arrived late, and is ignored.
 *
 * <p>A firing alert whose condition stops holding resolves at once, unless the rule has a {@code keepFiringFor}:
 * then it keeps firing (quietly: no notification, no transition) until the condition has failed for that long in
 * metric time, so a condition that flickers makes one episode, not several.
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
        // only a daily series compares inputs; a continuous one goes by time
        String inputs = update.date() != null ? inputsFingerprint(update) : null;
        if (current != null && isNothingNew(current, update, inputs)) {
            return Evaluation.unchanged(current);
        }
        Step step = new Step(rule, update, series, current != null ? current : SeriesState.unseen(series), inputs);
        if (rule.condition().isMetBy(update)) {
            step.conditionHolds();
        } else {
            step.conditionFails();
        }
        return step.result();
    }

    private static boolean isNothingNew(SeriesState current, MetricUpdate update, String inputs) {
        if (current.lastSeenAt() == null) {
            return false;
        }
        if (update.date() != null) {
            return current.lastInputs() != null
                    ? current.lastInputs().equals(inputs)
                    : Objects.equals(current.lastValue(), update.value()); // a state stored before fingerprints
        }
        return !update.at().isAfter(current.lastSeenAt());
    }

    /**
     * A fingerprint of everything a condition can read from an update: its value and its whole context. Equal
     * amounts written differently ({@code -817900000.00}, {@code -8.179E+8}) give the same fingerprint, as does
     * the same context in another order; {@code at} and the event id do not take part.
     */
    public static String inputsFingerprint(MetricUpdate update) {
        StringBuilder text = new StringBuilder();
        BigDecimal value = update.value();
        append(text, value == null ? "" : value.toPlainString());
        new TreeMap<>(update.context()).forEach((key, v) -> append(append(text, key), v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Length-prefixed, so that no choice of keys and values can make two different contexts read the same. */
    private static StringBuilder append(StringBuilder text, String part) {
        return text.append(part.length()).append(':').append(part);
    }

    /** The working copy of a series state while one update is evaluated. */
    private static final class Step {
        private final Rule rule;
        private final MetricUpdate update;
        private final Instant at;
        private final String series;
        private final String inputs;
        private Map<String, String> labels; // made when first needed
        private final List<Transition> transitions = new ArrayList<>();
        private final List<Notification> notifications = new ArrayList<>();

        private AlertState state;
        private Instant activeSince;
        private Instant firingSince;
        private Instant lastNotifiedAt;
        private int episode;
        private int repeatsSent;
        private Instant keepFiringSince;

        Step(Rule rule, MetricUpdate update, String series, SeriesState prior, String inputs) {
            this.rule = rule;
            this.update = update;
            this.at = update.at();
            this.series = series;
            this.inputs = inputs;
            this.state = prior.state();
            this.activeSince = prior.activeSince();
            this.firingSince = prior.firingSince();
            this.lastNotifiedAt = prior.lastNotifiedAt();
            this.episode = prior.episode();
            this.repeatsSent = prior.repeatsSent();
            this.keepFiringSince = prior.keepFiringSince();
        }

        void conditionHolds() {
            switch (state) {
                case INACTIVE, RESOLVED -> {
                    episode++;
                    activeSince = at;
                    firingSince = null;
                    repeatsSent = 0;
                    keepFiringSince = null;
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
                    keepFiringSince = null; // the condition is back within keepFiringFor: the episode goes on
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
                    if (rule.keepsFiring()) {
                        if (keepFiringSince == null) {
                            keepFiringSince = at;
                        }
                        if (Duration.between(keepFiringSince, at).compareTo(rule.keepFiringFor()) < 0) {
                            return; // keeps firing for now
                        }
                    }
                    keepFiringSince = null;
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

        private Map<String, String> labels() {
            if (labels == null) {
                labels = alertLabels(rule, update);
            }
            return labels;
        }

        private void moveTo(AlertState next) {
            transitions.add(new Transition(rule.id(), series, state, next, at, update.value(), episode, labels()));
            state = next;
        }

        private void notifyNow(Kind kind, int repeat) {
            notifications.add(new Notification(
                    Notification.idFor(rule.id(), series, episode, Notification.kindName(kind, repeat)),
                    rule.id(), series, kind, episode, repeat, at, rule.severity(), labels(), rule.channels(), update));
            lastNotifiedAt = at;
        }

        Evaluation result() {
            SeriesState next = new SeriesState(series, state, activeSince, firingSince, lastNotifiedAt,
                    episode, repeatsSent, update.value(), at, keepFiringSince, inputs);
            return new Evaluation(next, transitions, notifications);
        }
    }
}
