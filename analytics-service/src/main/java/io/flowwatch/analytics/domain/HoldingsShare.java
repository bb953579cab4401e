package io.flowwatch.analytics.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Assets under management as a share of the asset's market cap in force at that time.
 *
 * @param assets total net assets in US dollars
 * @param marketCap the market cap in US dollars
 * @param ratio {@code assets / marketCap} to 34 significant digits
 * @param percent {@code assets / marketCap * 100} rounded half up to 2 decimals
 */
public record HoldingsShare(BigDecimal assets, BigDecimal marketCap, BigDecimal ratio, BigDecimal percent) {

    /** The share of {@code assets} in {@code marketCap}, which must be positive. */
    public static HoldingsShare of(BigDecimal assets, BigDecimal marketCap) {
        Objects.requireNonNull(assets, "assets");
        Objects.requireNonNull(marketCap, "marketCap");
        if (marketCap.signum() <= 0) {
            throw new IllegalArgumentException("marketCap must be positive, not " + marketCap);
        }
        if (assets.signum() < 0) {
            throw new IllegalArgumentException("assets cannot be negative: " + assets);
        }
        return new HoldingsShare(
                assets,
                marketCap,
                assets.divide(marketCap, MathContext.DECIMAL128),
                // Rounded from the exact quotient, so there is no double rounding.
                assets.multiply(BigDecimal.valueOf(100)).divide(marketCap, 2, RoundingMode.HALF_UP));
    }
}
