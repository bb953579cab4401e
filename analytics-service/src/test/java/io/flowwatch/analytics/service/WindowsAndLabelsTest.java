package io.flowwatch.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowsAndLabelsTest {

    @Test
    void windowsReadAndWriteTheShortForm() {
        assertEquals(Duration.ofHours(24), Windows.parse("24h"));
        assertEquals(Duration.ofDays(7), Windows.parse("7d"));
        assertEquals(Duration.ofHours(4), Windows.parse("PT4H"));
        assertEquals(Duration.ofMinutes(30), Windows.parse("30m"));
        assertEquals("24h", Windows.format(Duration.ofDays(1)));
        assertEquals("7d", Windows.format(Duration.ofDays(7)));
        assertEquals("4h", Windows.format(Duration.ofHours(4)));
        assertEquals("90m", Windows.format(Duration.ofMinutes(90)));
        assertThrows(IllegalArgumentException.class, () -> Windows.parse("0h"));
        assertThrows(IllegalArgumentException.class, () -> Windows.parse("soon"));
    }

    @Test
    void labelsReadLikeTheNews() {
        Labels labels = Labels.of(Map.of("etp:BTC", "Bitcoin ETPs worldwide"));
        assertEquals("US spot Bitcoin ETFs", labels.assetClass("us-spot-etf", "BTC"));
        assertEquals("US spot Ether ETFs", labels.assetClass("us-spot-etf", "ETH"));
        assertEquals("US spot XRP ETFs", labels.assetClass("us-spot-etf", "XRP"));
        assertEquals("US spot Solana ETFs", labels.assetClass("us-spot-etf", "SOL"));
        assertEquals("Bitcoin ETPs worldwide", labels.assetClass("etp", "BTC"));
        assertEquals("IBIT (BlackRock)", labels.product("IBIT", "BlackRock"));
        assertEquals("XYZ", labels.product("XYZ", null));
        assertEquals("Whole crypto market", labels.instrument("TOTAL"));
        assertEquals("Gold", labels.instrument("XAU"));
        assertEquals("All crypto ETPs", labels.holdingsScope("all-etp:ALL"));
        assertEquals("US spot Bitcoin ETFs", labels.holdingsScope("us-spot-etf:BTC"));
    }
}
