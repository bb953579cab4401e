package io.flowwatch.alert.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Numbers as financial news print them: {@code $817.9M}, {@code −$978.0M}, {@code $1.26B}, {@code −6.00 %}.
 * Negative numbers use the typographic minus sign U+2212, as the news does; rounding is half-up.
 */
public final class NewsFormat {

    /** U+2212, the minus sign (not the hyphen). */
    public static final String MINUS = "\u2212";

    private record Unit(BigDecimal size, String suffix, int decimals) {}

    // largest first; thousands and millions with one decimal, billions and trillions with two
    private static final List<Unit> UNITS = List.of(
            new Unit(new BigDecimal("1e12"), "T", 2),
            new Unit(new BigDecimal("1e9"), "B", 2),
            new Unit(new BigDecimal("1e6"), "M", 1),
            new Unit(new BigDecimal("1e3"), "K", 1),
            new Unit(BigDecimal.ONE, "", 0));

    private NewsFormat() {}

    /** US dollars in the largest fitting unit: {@code $87.1M}, {@code $1.26B}, {@code −$978.0M}, {@code $950}. */
    public static String usdCompact(BigDecimal amount) {
        BigDecimal abs = amount.abs();
        int i = 0;
        while (i < UNITS.size() - 1 && abs.compareTo(UNITS.get(i).size()) < 0) {
            i++;
        }
        BigDecimal scaled = scale(abs, UNITS.get(i));
        if (i > 0 && scaled.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            i--; // 999.96M rounds to 1000.0M, which reads better as $1.00B
            scaled = scale(abs, UNITS.get(i));
        }
        return sign(amount, scaled) + "$" + scaled.toPlainString() + UNITS.get(i).suffix();
    }

    /** A percentage with two decimals and a space before the sign: {@code −6.00 %}, {@code 6.52 %}. */
    public static String percent(BigDecimal value) {
        BigDecimal rounded = value.abs().setScale(2, RoundingMode.HALF_UP);
        return sign(value, rounded) + rounded.toPlainString() + " %";
    }

    /** A price in full with thousands separators: {@code $2,650.30}, {@code −$0.50}. */
    public static String usdPrice(BigDecimal price) {
        BigDecimal rounded = price.abs().setScale(2, RoundingMode.HALF_UP);
        return sign(price, rounded) + "$" + String.format(Locale.US, "%,.2f", rounded);
    }

    private static BigDecimal scale(BigDecimal abs, Unit unit) {
        return abs.divide(unit.size()).setScale(unit.decimals(), RoundingMode.HALF_UP);
    }

    /** The minus sign, unless the number rounds to zero (no "−$0.0M"). */
    private static String sign(BigDecimal original, BigDecimal roundedAbs) {
        return original.signum() < 0 && roundedAbs.signum() != 0 ? MINUS : "";
    }
}
