package io.flowwatch.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A change of sign of a to-date window between the previous series day and this one.
 *
 * @param date the day on which the window's sign changed
 * @param window which window
 * @param direction {@link Direction#DOWN} from {@code >= 0} to {@code < 0}, {@link Direction#UP} from
 *     {@code <= 0} to {@code > 0}
 * @param previous the window's value the day before (zero when the day opened a new period)
 * @param current the window's value on the day
 */
public record Crossing(LocalDate date, FlowSeries.Window window, Direction direction, BigDecimal previous, BigDecimal current) {

    /** Which way the sign went. */
    public enum Direction {
        UP,
        DOWN
    }

    public Crossing {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
    }
}
