package io.flowwatch.analytics.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Liquidation totals over sliding time windows, for one already chosen selection of events (e.g. one venue's
 * liquidated longs). Immutable; every total is a difference of two prefix sums.
 */
public final class LiquidationWindow {

    /**
     * One liquidation.
     *
     * @param time when it happened
     * @param notional its notional in US dollars
     */
    public record Event(Instant time, BigDecimal notional) {
        public Event {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(notional, "notional");
        }
    }

    /**
     * A window's total.
     *
     * @param start the first event in the window
     * @param end the last event in the window (the window ends here)
     * @param total the sum of the notionals in the window
     */
    public record Window(Instant start, Instant end, BigDecimal total) {}

    private final Instant[] times;
    /** prefix[i] = the sum of the first i events in time order. */
    private final BigDecimal[] prefix;

    private LiquidationWindow(List<Event> sorted) {
        times = sorted.stream().map(Event::time).toArray(Instant[]::new);
        prefix = new BigDecimal[sorted.size() + 1];
        prefix[0] = BigDecimal.ZERO;
        for (int i = 0; i < sorted.size(); i++) {
            prefix[i + 1] = prefix[i].add(sorted.get(i).notional());
        }
    }

    /** The events in any order; several may share a time. */
    public static LiquidationWindow of(Collection<Event> events) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.forEach(event -> Objects.requireNonNull(event, "event"));
        sorted.sort(Comparator.comparing(Event::time));
        return new LiquidationWindow(sorted);
    }

    /** The total over {@code (at - window, at]}. */
    public BigDecimal totalEndingAt(Instant at, Duration window) {
        requirePositive(window);
        return prefix[countUpTo(at)].subtract(prefix[countUpTo(at.minus(window))]);
    }

    /**
     * The window of the given length with the largest total among those ending at an event time in
     * {@code [from, to]} (a maximal window always ends at an event); the earliest one on a tie; empty if no event
     * lies in {@code [from, to]}.
     */
    public Optional<Window> largestWindowWithin(Instant from, Instant to, Duration window) {
        requirePositive(window);
        Window best = null;
        for (int end = 0; end < times.length; end++) {
            Instant time = times[end];
            boolean lastAtItsTime = end + 1 == times.length || !times[end + 1].equals(time);
            if (time.isBefore(from) || time.isAfter(to) || !lastAtItsTime) {
                continue;
            }
            int start = countUpTo(time.minus(window)); // the first event after time - window
            BigDecimal total = prefix[end + 1].subtract(prefix[start]);
            if (best == null || total.compareTo(best.total()) > 0) {
                best = new Window(times[start], time, total);
            }
        }
        return Optional.ofNullable(best);
    }

    /** The number of events in {@code (at - window, at]}. */
    public int countEndingAt(Instant at, Duration window) {
        requirePositive(window);
        return countUpTo(at) - countUpTo(at.minus(window));
    }

    /** The number of events in {@code [start, end]}. */
    public int countBetween(Instant start, Instant end) {
        return countUpTo(end) - countUpTo(start.minusNanos(1));
    }

    /** The number of events at or before {@code at}. */
    private int countUpTo(Instant at) {
        int low = 0;
        int high = times.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times[middle].isAfter(at)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static void requirePositive(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
    }
}
