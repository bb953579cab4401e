package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

class SilencesTest {

    private static final Instant START = Instant.parse("2026-01-29T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-30T00:00:00Z");
    private static final Map<String, String> BTC_WARNING = Map.of("rule", "btc-daily-outflow-500m", "asset", "BTC", "severity", "warning");
    private static final Map<String, String> ETH_WARNING = Map.of("rule", "eth-daily-outflow", "asset", "ETH", "severity", "warning");

    private static Silences silences(Matcher... matchers) {
        return new Silences(List.of(new Silence("s1", List.of(matchers), START, END, "ops@example.com", "maintenance")));
    }

    @Test
    void equalityMatcherSilencesOnlyMatchingLabelsWhileActive() {
        Silences s = silences(Matcher.equal("asset", "BTC"));
        assertTrue(s.isSilenced(BTC_WARNING, START.plusSeconds(3600)));
        assertFalse(s.isSilenced(ETH_WARNING, START.plusSeconds(3600)));
    }

    @Test
    void aSilenceExpires() {
        Silences s = silences(Matcher.equal("asset", "BTC"));
        assertTrue(s.isSilenced(BTC_WARNING, START), "starts inclusive");
        assertFalse(s.isSilenced(BTC_WARNING, START.minusSeconds(1)));
        assertFalse(s.isSilenced(BTC_WARNING, END), "ends exclusive");
        assertEquals("s1", s.silencing(BTC_WARNING, START).orElseThrow().id());
    }

    @Test
    void regexMatchersMatchTheWholeValue() {
        assertTrue(silences(Matcher.matchesRegex("rule", "btc-.*")).isSilenced(BTC_WARNING, START));
        assertFalse(silences(Matcher.matchesRegex("rule", "btc")).isSilenced(BTC_WARNING, START), "anchored");
        assertTrue(silences(Matcher.matchesRegex("asset", "BTC|ETH")).isSilenced(ETH_WARNING, START));
    }

    @Test
    void negativeMatchersInvert() {
        assertFalse(silences(Matcher.notEqual("asset", "BTC")).isSilenced(BTC_WARNING, START));
        assertTrue(silences(Matcher.notEqual("asset", "BTC")).isSilenced(ETH_WARNING, START));
        assertTrue(silences(Matcher.notMatchesRegex("rule", "btc-.*")).isSilenced(ETH_WARNING, START));
        assertFalse(silences(Matcher.notMatchesRegex("rule", "btc-.*")).isSilenced(BTC_WARNING, START));
    }

    @Test
    void allMatchersMustMatchAndAMissingLabelIsEmpty() {
        assertFalse(silences(Matcher.equal("asset", "BTC"), Matcher.equal("severity", "critical")).isSilenced(BTC_WARNING, START));
        assertTrue(silences(Matcher.equal("team", "")).isSilenced(BTC_WARNING, START));
    }

    @Test
    void nonsenseSilencesAreRefusedWhenMade() {
        assertThrows(IllegalArgumentException.class, () -> new Silence("s", List.of(), START, END, "me", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new Silence("s", List.of(Matcher.equal("a", "b")), END, START, "me", ""));
        assertThrows(PatternSyntaxException.class, () -> Matcher.matchesRegex("rule", "btc-("));
    }
}
