package io.flowwatch.alert.mapping;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the API reads and writes them: ISO-8601 ({@code PT6H}); {@code 6h}, {@code 30m}, {@code 250ms} are read too. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /** The duration, null for null or blank text; throws {@link IllegalArgumentException} with a reason otherwise. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        Matcher shortForm = SHORT.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; write ISO-8601 such as PT6H or PT30M (or 6h, 30m, 10s)");
        }
    }

    /** ISO-8601, null for null. */
    public static String format(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
