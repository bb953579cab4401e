package io.flowwatch.events;

import java.math.BigDecimal;

/** Exact decimal amounts in one canonical form, so that equal amounts are equal however they were written. */
public final class Money {

    private Money() {}

    /** {@code 1.44E+6}, {@code 1440000.00} and {@code 1440000} all become {@code 1440000}; null stays null. */
    public static BigDecimal canonical(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
