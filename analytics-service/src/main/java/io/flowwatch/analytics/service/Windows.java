package io.flowwatch.analytics.service;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Time windows as people write them ({@code 1h}, {@code 24h}, {@code 7d}, {@code 30m}) or as ISO-8601 ({@code PT4H}). */
public final class Windows {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([mhd])");

    private Windows() {}

    /** @throws IllegalArgumentException if the text is not a positive window */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(value);
        Duration window;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            window = switch (matcher.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                window = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("a window is written like 1h, 24h, 7d, 30m or PT4H, not '" + text + "'");
            }
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a window must be positive, not '" + text + "'");
        }
        return window;
    }

    /** The short form: {@code 7d} for whole days other than 24 h, {@code 24h}/{@code 4h} for hours, else minutes. */
    public static String format(Duration window) {
        long minutes = window.toMinutes();
        if (minutes % (24 * 60) == 0 && minutes != 24 * 60) {
            return minutes / (24 * 60) + "d";
        }
        if (minutes % 60 == 0) {
            return minutes / 60 + "h";
        }
        return minutes + "m";
    }

    /** A time range {@code (from, to]}. */
    public record Range(Instant from, Instant to) {}

    /**
     * The fewest ranges {@code (from, to]} that cover {@code (t - window, t]} for every {@code t} of {@code times}
     * (sorted) and nothing more than their union: times further apart than the window get ranges of their own, so a
     * batch that mixes old and new events does not read everything in between.
     */
    public static List<Range> covering(SortedSet<Instant> times, Duration window) {
        List<Range> ranges = new ArrayList<>();
        Instant from = null;
        Instant to = null;
        for (Instant t : times) {
            Instant start = t.minus(window);
            if (to != null && start.isAfter(to)) {
                ranges.add(new Range(from, to));
                from = null;
            }
            if (from == null) {
                from = start;
            }
            to = t;
        }
        if (from != null) {
            ranges.add(new Range(from, to));
        }
        return ranges;
    }
}
