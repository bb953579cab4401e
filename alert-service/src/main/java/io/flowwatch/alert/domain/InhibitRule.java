package io.flowwatch.alert.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutes target alerts while a source alert is firing, like Alertmanager's inhibit rules: a firing alert matching
 * {@code sourceMatchers} inhibits an alert matching {@code targetMatchers} when both have the same values of the
 * labels in {@code equal} (a label missing on both sides counts as equal).
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {

    public InhibitRule {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = List.copyOf(equal);
    }

    /** The usual rule: a critical alert mutes the warnings about the same thing (same {@code equal} labels). */
    public static InhibitRule criticalInhibitsWarning(List<String> equal) {
        return new InhibitRule(
                List.of(Matcher.equal("severity", "critical")), List.of(Matcher.equal("severity", "warning")), equal);
    }

    /** Whether this firing source alert inhibits the target alert. An alert never inhibits itself. */
    public boolean inhibits(Map<String, String> firingSource, Map<String, String> target) {
        return !firingSource.equals(target)
                && Matcher.allMatch(sourceMatchers, firingSource)
                && Matcher.allMatch(targetMatchers, target)
                && equal.stream().allMatch(l -> Objects.equals(firingSource.get(l), target.get(l)));
    }

    /** Whether any rule lets any of the firing alerts (their labels) inhibit the target. */
    public static boolean isInhibited(
            Map<String, String> target, Collection<Map<String, String>> firingAlerts, List<InhibitRule> rules) {
        return rules.stream().anyMatch(rule -> firingAlerts.stream().anyMatch(source -> rule.inhibits(source, target)));
    }
}
