package io.flowwatch.alert.mapping;

import io.flowwatch.alert.domain.Matcher;

/**
 * A label matcher as the API writes it: {@code {"label":"asset","op":"=","value":"BTC"}}; {@code op} is one of
 * {@code =} (the default), {@code !=}, {@code =~} (whole-value regex), {@code !~}.
 */
public record MatcherDto(String label, String op, String value) {

    public static MatcherDto of(Matcher matcher) {
        String op = matcher.regex() ? (matcher.negative() ? "!~" : "=~") : (matcher.negative() ? "!=" : "=");
        return new MatcherDto(matcher.label(), op, matcher.value());
    }
}
