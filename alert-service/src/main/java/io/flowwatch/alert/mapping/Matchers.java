package io.flowwatch.alert.mapping;

import io.flowwatch.alert.domain.Matcher;
import java.util.regex.PatternSyntaxException;

/** Reads label matchers from their API form and from the text form of the configuration ({@code severity=~warn.*}). */
public final class Matchers {

    private Matchers() {}

    /** The matcher, or null with the problem added at {@code pointer}. */
    public static Matcher read(MatcherDto dto, String pointer, FieldErrors errors) {
        if (dto == null || dto.label() == null || dto.label().isBlank()) {
            errors.add(pointer + "/label", "a matcher needs a label");
            return null;
        }
        if (dto.value() == null) {
            errors.add(pointer + "/value", "a matcher needs a value (\"\" matches a missing label)");
            return null;
        }
        String op = dto.op() == null ? "=" : dto.op().trim();
        try {
            return switch (op) {
                case "=" -> Matcher.equal(dto.label(), dto.value());
                case "!=" -> Matcher.notEqual(dto.label(), dto.value());
                case "=~" -> Matcher.matchesRegex(dto.label(), dto.value());
                case "!~" -> Matcher.notMatchesRegex(dto.label(), dto.value());
                default -> {
                    errors.add(pointer + "/op", op, "must be one of =, !=, =~, !~");
                    yield null;
                }
            };
        } catch (PatternSyntaxException e) {
            errors.add(pointer + "/value", dto.value(), "not a regular expression: " + e.getDescription());
            return null;
        }
    }

    /** {@code label=value}, {@code label!=value}, {@code label=~regex}, {@code label!~regex}. */
    public static Matcher parse(String text) {
        String[] ops = {"!~", "=~", "!=", "="};
        for (String op : ops) {
            int i = text.indexOf(op);
            if (i > 0) {
                FieldErrors errors = new FieldErrors();
                Matcher matcher = read(new MatcherDto(text.substring(0, i).trim(), op, text.substring(i + op.length()).trim()),
                        "", errors);
                if (matcher == null) {
                    throw new IllegalArgumentException("not a matcher: '" + text + "': " + errors.list().getFirst().reason());
                }
                return matcher;
            }
        }
        throw new IllegalArgumentException("not a matcher: '" + text + "' (write label=value, label!=value, label=~regex or label!~regex)");
    }
}
