package io.flowwatch.ingest.service.imports;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one strict way imports read numbers: ASCII digits, an optional fraction after {@code .}, optionally
 * {@code ,} between groups of three integer digits, and a leading {@code -} (or, where allowed, parentheses)
 * for negatives. No exponents, NaN, Infinity, {@code +}, spaces inside or other characters; at most
 * {@value #MAX_INTEGER_DIGITS} integer and {@value #MAX_FRACTION_DIGITS} fraction digits. Never goes through
 * {@code double}. Problems are thrown as {@link IllegalArgumentException} whose message is the reason.
 */
public final class DecimalText {

    public static final int MAX_INTEGER_DIGITS = 15;
    public static final int MAX_FRACTION_DIGITS = 18;

    private static final Pattern UNSIGNED = Pattern.compile("(\\d+|\\d{1,3}(?:,\\d{3})+)(?:\\.(\\d+))?");
    private static final Pattern EXPONENT = Pattern.compile("[\\d.,]*\\d[eE][+-]?\\d+");

    private DecimalText() {}

    /** Reads {@code 1,234.5}, {@code -3.25} or {@code 0}; surrounding blanks are ignored. */
    public static BigDecimal parse(String text) {
        return parse(text, false);
    }

    /** Like {@link #parse(String)}, and also takes {@code (817.9)} as −817.9, the accountants' way. */
    public static BigDecimal parseAccounting(String text) {
        return parse(text, true);
    }

    /** A number greater than zero. */
    public static BigDecimal parsePositive(String text) {
        BigDecimal value = parse(text);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("must be greater than zero");
        }
        return value;
    }

    /** A number of zero or more. */
    public static BigDecimal parseNonNegative(String text) {
        BigDecimal value = parse(text);
        if (value.signum() < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        return value;
    }

    private static BigDecimal parse(String text, boolean parenthesesNegative) {
        String number = text.trim();
        boolean negative = false;
        if (parenthesesNegative && number.startsWith("(") && number.endsWith(")")) {
            number = number.substring(1, number.length() - 1);
            negative = true;
        } else if (number.startsWith("-")) {
            number = number.substring(1);
            negative = true;
        }
        Matcher matcher = UNSIGNED.matcher(number);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(whyNotANumber(text.trim(), number));
        }
        String integerDigits = matcher.group(1).replace(",", "");
        String fractionDigits = matcher.group(2) == null ? "" : matcher.group(2);
        if (integerDigits.length() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("more than " + MAX_INTEGER_DIGITS + " integer digits");
        }
        if (fractionDigits.length() > MAX_FRACTION_DIGITS) {
            throw new IllegalArgumentException("more than " + MAX_FRACTION_DIGITS + " digits after the decimal point");
        }
        String digits = fractionDigits.isEmpty() ? integerDigits : integerDigits + "." + fractionDigits;
        BigDecimal value = new BigDecimal(digits);
        return negative ? value.negate() : value;
    }

    private static String whyNotANumber(String text, String unsigned) {
        if (text.isEmpty()) {
            return "a number is required";
        }
        String lower = unsigned.toLowerCase(Locale.ROOT);
        if (lower.equals("nan") || lower.startsWith("inf")) {
            return "NaN and Infinity are not numbers here";
        }
        if (EXPONENT.matcher(unsigned).matches()) {
            return "exponents are not allowed; write the number out in full";
        }
        if (unsigned.chars().allMatch(c -> (c >= '0' && c <= '9') || c == ',' || c == '.') && unsigned.contains(",")) {
            return "',' may only separate the integer digits into groups of three";
        }
        return "not a number: only digits, one '.', ',' between thousands and a leading '-'"
                + " (or parentheses for a negative) are allowed";
    }
}
