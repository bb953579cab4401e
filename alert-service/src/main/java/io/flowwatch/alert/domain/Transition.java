package io.flowwatch.alert.domain;

import io.flowwatch.events.AlertTransition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One change of an alert's state, kept as history and published on the alerts exchange.
 *
 * @param at the metric time of the update that caused it
 * @param value the value of that update
 * @param labels the alert's labels, see {@link AlertEvaluator#alertLabels}
 */
public record Transition(
        String ruleId,
        String series,
        AlertState from,
        AlertState to,
        Instant at,
        BigDecimal value,
        int episode,
        Map<String, String> labels) {

    public Transition {
        labels = Map.copyOf(labels);
    }

    /** The contract event for this transition, with a message rendered by the caller. */
    public AlertTransition toEvent(Rule rule, String message) {
        return new AlertTransition(ruleId, rule.name(), series, to.wireName(), rule.severity(), at, message, labels);
    }
}
