package io.flowwatch.alert.domain;

import java.util.List;

/**
 * The outcome of evaluating one update: the state to store and what to emit. Storing {@link #state} and the
 * emitted rows in one transaction makes evaluation idempotent.
 */
public record Evaluation(SeriesState state, List<Transition> transitions, List<Notification> notifications) {

    public Evaluation {
        transitions = List.copyOf(transitions);
        notifications = List.copyOf(notifications);
    }

    /** Nothing happened: a duplicate, stale or unchanged update. */
    static Evaluation unchanged(SeriesState state) {
        return new Evaluation(state, List.of(), List.of());
    }
}
