package io.flowwatch.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
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
    void coveringRangesJoinNearTimesAndSkipTheGapsBetweenFarOnes() {
        Instant t = Instant.parse("2026-01-29T12:00:00Z");
        Duration day = Duration.ofDays(1);
        // two times within a day share one range; a time a year later gets its own, nothing in between is read
        List<Windows.Range> ranges = Windows.covering(
                new TreeSet<>(List.of(t, t.plusSeconds(3600), t.plus(Duration.ofDays(365)))), day);
        assertEquals(List.of(new Windows.Range(t.minus(day), t.plusSeconds(3600)),
                new Windows.Range(t.plus(Duration.ofDays(364)), t.plus(Duration.ofDays(365)))), ranges);
        // exactly a window apart: still one contiguous range
        assertEquals(List.of(new Windows.Range(t.minus(day), t.plus(day))),
                Windows.covering(new TreeSet<>(List.of(t, t.plus(day))), day));
        assertEquals(List.of(), Windows.covering(new TreeSet<>(), day));
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
