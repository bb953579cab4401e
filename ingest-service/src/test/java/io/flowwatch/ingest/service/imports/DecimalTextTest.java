package io.flowwatch.ingest.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalTextTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "(817.9)|-817.9",
        "-817.9|-817.9",
        "16.5|16.5",
        "1,234.5|1234.5",
        "12,345,678.25|12345678.25",
        "(1,234.5)|-1234.5",
        "0|0",
        "' 42.0 '|42.0",
        "999999999999999.999|999999999999999.999"})
    void accountingNumbers(String text, String expected) {
        assertEquals(new BigDecimal(expected), DecimalText.parseAccounting(text));
    }

    @Test
    void negativeZeroInParenthesesIsZero() {
        BigDecimal zero = DecimalText.parseAccounting("(0.0)");
        assertEquals(0, zero.signum());
        assertEquals(0, zero.compareTo(BigDecimal.ZERO));
    }

    @Test
    void parenthesesOnlyWhereAllowed() {
        assertThrows(IllegalArgumentException.class, () -> DecimalText.parse("(817.9)"));
        assertEquals(new BigDecimal("-817.9"), DecimalText.parse("-817.9"));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "NaN", "nan", "Infinity", "-Infinity", "1e9", "1E+9", "2.5e-3", "1234567890123456",
        "1,234,567,890,123,456", "12,34", "1,2345", ",123", "1.", ".5", "+5", "1 000", "5$", "$5", "1.2.3", "0x10",
        "(-5)", "-(5)", "--5", "(5", "5)", "١٢٣", "1_000", "1.0000000000000000001"})
    void refused(String text) {
        assertThrows(IllegalArgumentException.class, () -> DecimalText.parseAccounting(text));
    }

    @Test
    void reasonsSayWhatIsWrong() {
        assertTrue(reason("NaN").contains("NaN"));
        assertTrue(reason("1e9").contains("exponent"));
        assertTrue(reason("1234567890123456").contains("15 integer digits"));
        assertTrue(reason("12,34").contains("groups of three"));
        assertTrue(reason("5$").startsWith("not a number"));
    }

    private static String reason(String text) {
        return assertThrows(IllegalArgumentException.class, () -> DecimalText.parseAccounting(text)).getMessage();
    }

    @Test
    void positiveAndNonNegative() {
        assertEquals(new BigDecimal("0.01"), DecimalText.parsePositive("0.01"));
        assertThrows(IllegalArgumentException.class, () -> DecimalText.parsePositive("0"));
        assertThrows(IllegalArgumentException.class, () -> DecimalText.parsePositive("-1"));
        assertEquals(BigDecimal.ZERO, DecimalText.parseNonNegative("0"));
        assertThrows(IllegalArgumentException.class, () -> DecimalText.parseNonNegative("-0.5"));
    }
}
