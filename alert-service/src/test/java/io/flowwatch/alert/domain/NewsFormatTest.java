package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NewsFormatTest {

    private static String usd(String amount) {
        return NewsFormat.usdCompact(new BigDecimal(amount));
    }

    @Test
    void millionsWithOneDecimalAndBillionsWithTwo() {
        assertEquals("$817.9M", usd("817900000"));
        assertEquals("\u2212$978.0M", usd("-978000000"));
        assertEquals("$1.26B", usd("1263600000"));
        assertEquals("\u2212$1.26B", usd("-1263600000"));
        assertEquals("$87.1M", usd("87100000"));
        assertEquals("$3.11T", usd("3106400000000"));
        assertEquals("$7.8M", usd("7800000"));
    }

    @Test
    void smallAmountsAndZero() {
        assertEquals("$950", usd("950"));
        assertEquals("$12.5K", usd("12450"));
        assertEquals("$0", usd("0"));
        assertEquals("$0", usd("-0.4"), "no minus sign on a figure that rounds to zero");
    }

    @Test
    void roundingUpIntoTheNextUnitSwitchesUnit() {
        assertEquals("$1.00B", usd("999960000"));
        assertEquals("$999.9M", usd("999940000"));
    }

    @Test
    void theMinusSignIsTheTypographicOne() {
        assertEquals('\u2212', usd("-1").charAt(0));
        assertEquals("\u2212", NewsFormat.MINUS);
    }

    @Test
    void percentages() {
        assertEquals("\u22126.00 %", NewsFormat.percent(new BigDecimal("-6")));
        assertEquals("6.52 %", NewsFormat.percent(new BigDecimal("6.5249")));
        assertEquals("\u22124.01 %", NewsFormat.percent(new BigDecimal("-4.005")));
        assertEquals("0.00 %", NewsFormat.percent(new BigDecimal("-0.001")));
    }

    @Test
    void pricesInFull() {
        assertEquals("$2,650.30", NewsFormat.usdPrice(new BigDecimal("2650.3")));
        assertEquals("\u2212$0.50", NewsFormat.usdPrice(new BigDecimal("-0.5")));
    }
}
