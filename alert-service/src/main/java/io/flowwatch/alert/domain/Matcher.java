package io.flowwatch.alert.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A label matcher as in Alertmanager: {@code label=value}, {@code label!=value}, {@code label=~regex} or
 * {@code label!~regex}. A regex must match the whole value; a missing label counts as the empty string.
 */
public record Matcher(String label, String value, boolean regex, boolean negative) {

    public Matcher {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
        if (regex) {
            Pattern.compile(value); // fail on a bad pattern when the matcher is made, not when it is used
        }
    }

    public static Matcher equal(String label, String value) {
        return new Matcher(label, value, false, false);
    }

    public static Matcher notEqual(String label, String value) {
        return new Matcher(label, value, false, true);
    }

    public static Matcher matchesRegex(String label, String regex) {
        return new Matcher(label, regex, true, false);
    }

    public static Matcher notMatchesRegex(String label, String regex) {
        return new Matcher(label, regex, true, true);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        boolean hit = regex ? Pattern.matches(value, actual) : value.equals(actual);
        return hit != negative;
    }

    /** Whether every matcher matches the labels. */
    public static boolean allMatch(List<Matcher> matchers, Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }
}
