package io.flowwatch.alert.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An alert rule: when the {@link #condition} holds for an update of the selected series (for at least
 * {@link #forDuration}, if set), the alert fires and {@link #channels} are notified.
 *
 * <p>The constructor only normalises; {@link RuleValidator} says what is wrong with a rule that came from outside.
 *
 * @param forDuration how long the condition must hold before firing, measured in metric time; null or zero
 *     fires at once
 * @param keepFiringFor how long a firing alert keeps firing after its condition stopped holding, measured in
 *     metric time (Prometheus' {@code keep_firing_for}): a condition that flickers false and true again within it
 *     stays one episode; null or zero resolves at the first update that fails the condition
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param labels free labels (e.g. {@code asset=BTC}) used by grouping, silences and inhibition
 * @param repeatInterval how often to remind while firing; null never repeats
 * @param notifyResolved whether the end of an episode is notified too
 * @param messageTemplate a Qute template, rendered elsewhere; null uses {@link DefaultMessages}
 */
public record Rule(
        String id,
        String name,
        MetricSelector selector,
        Condition condition,
        Duration forDuration,
        Duration keepFiringFor,
        String severity,
        Map<String, String> labels,
        List<String> channels,
        Duration repeatInterval,
        boolean notifyResolved,
        String messageTemplate) {

    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    public Rule {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** Whether the condition must hold for a while before the alert fires. */
    public boolean waitsBeforeFiring() {
        return forDuration != null && forDuration.isPositive();
    }

    /** Whether a firing alert outlasts its condition for a while before it resolves. */
    public boolean keepsFiring() {
        return keepFiringFor != null && keepFiringFor.isPositive();
    }
}
