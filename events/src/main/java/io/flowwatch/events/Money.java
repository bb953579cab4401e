package io.flowwatch.events;

import java.math.BigDecimal;

/** Exact decimal amounts in one canonical form, so that equal amounts are equal however they were written. */
public final class Money {

    /** Digits before or after the decimal point that any amount, price or threshold could need, and then some. */
    public static final int MAX_DIGITS = 1_000;

    private Money() {}

    /** {@code 1.44E+6}, {@code 1440000.00} and {@code 1440000} all become {@code 1440000}; null stays null. */
    public static BigDecimal canonical(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        if (!isWithinBounds(amount)) {
            // 1E+999999999 would become a billion-digit integer below
            throw new IllegalArgumentException("amount out of range: more than " + MAX_DIGITS + " digits before or after the decimal point");
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Whether a decimal has at most 1,000 digits before and after its point (any real amount has far fewer). */
    public static boolean isWithinBounds(BigDecimal value) {
        if (value.signum() == 0) {
            return true; // 0E+999999999 is just zero
        }
        long integerDigits = (long) value.precision() - value.scale();
        return integerDigits <= MAX_DIGITS && value.scale() <= MAX_DIGITS;
    }
}
