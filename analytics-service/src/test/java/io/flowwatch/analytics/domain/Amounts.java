package io.flowwatch.analytics.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Test shorthands for amounts and days. */
final class Amounts {

    private Amounts() {}

    /** An amount given in millions, e.g. {@code "-817.9"}. */
    static BigDecimal millions(String millions) {
        return new BigDecimal(millions).movePointRight(6);
    }

    static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }

    static DailyFlow day(String date, String amount) {
        return new DailyFlow(LocalDate.parse(date), usd(amount));
    }

    /** Numeric equality, whatever the scale ({@code 3} equals {@code 3.0}). */
    static void assertAmount(String expected, BigDecimal actual) {
        assertAmount(usd(expected), actual);
    }

    static void assertAmount(BigDecimal expected, BigDecimal actual) {
        assertNotNull(actual, "expected " + expected.toPlainString() + " but was null");
        assertEquals(0, expected.compareTo(actual),
                () -> "expected " + expected.toPlainString() + " but was " + actual.toPlainString());
    }
}
