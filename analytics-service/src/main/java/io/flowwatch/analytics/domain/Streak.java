package io.flowwatch.analytics.domain;

import java.util.Objects;

/**
 * Consecutive series days with the same sign, ending at the day asked about.
 *
 * @param direction the sign of the streak; {@link FlowDirection#FLAT} for a zero day
 * @param days how many consecutive series days; 0 for a zero day (a zero day breaks every streak)
 */
public record Streak(FlowDirection direction, int days) {

    public Streak {
        Objects.requireNonNull(direction, "direction");
        if (days < 0 || (direction == FlowDirection.FLAT) != (days == 0)) {
            throw new IllegalArgumentException("a FLAT streak has 0 days, any other at least 1: " + direction + " " + days);
        }
    }
}
