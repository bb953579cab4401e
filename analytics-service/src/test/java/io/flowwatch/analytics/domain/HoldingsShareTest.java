package io.flowwatch.analytics.domain;

import static io.flowwatch.analytics.domain.Amounts.assertAmount;
import static io.flowwatch.analytics.domain.Amounts.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class HoldingsShareTest {

    @Test
    void percentIsRoundedHalfUpToTwoDecimals() {
        HoldingsShare share = HoldingsShare.of(usd("1"), usd("800")); // 0.125 %
        assertEquals(new BigDecimal("0.13"), share.percent());
        assertAmount("0.00125", share.ratio());
        assertEquals(new BigDecimal("33.33"), HoldingsShare.of(usd("1"), usd("3")).percent());
        assertEquals(new BigDecimal("0.00"), HoldingsShare.of(BigDecimal.ZERO, usd("3")).percent());
    }

    @Test
    void marketCapMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> HoldingsShare.of(usd("1"), BigDecimal.ZERO));
        assertThrows(IllegalArgumentException.class, () -> HoldingsShare.of(usd("1"), usd("-5")));
        assertThrows(IllegalArgumentException.class, () -> HoldingsShare.of(usd("-1"), usd("5")));
    }
}
