package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InhibitRuleTest {

    private static final InhibitRule CRITICAL_MUTES_WARNING = InhibitRule.criticalInhibitsWarning(List.of("asset"));
    private static final Map<String, String> BTC_CRITICAL = Map.of("severity", "critical", "asset", "BTC", "rule", "a");
    private static final Map<String, String> BTC_WARNING = Map.of("severity", "warning", "asset", "BTC", "rule", "b");
    private static final Map<String, String> ETH_WARNING = Map.of("severity", "warning", "asset", "ETH", "rule", "b");

    @Test
    void aFiringCriticalInhibitsAWarningWithEqualLabels() {
        assertTrue(CRITICAL_MUTES_WARNING.inhibits(BTC_CRITICAL, BTC_WARNING));
        assertTrue(InhibitRule.isInhibited(BTC_WARNING, List.of(ETH_WARNING, BTC_CRITICAL), List.of(CRITICAL_MUTES_WARNING)));
    }

    @Test
    void differentEqualLabelsDoNotInhibit() {
        assertFalse(CRITICAL_MUTES_WARNING.inhibits(BTC_CRITICAL, ETH_WARNING));
    }

    @Test
    void onlyCriticalInhibitsAndOnlyWarningsAreInhibited() {
        assertFalse(CRITICAL_MUTES_WARNING.inhibits(BTC_WARNING, Map.of("severity", "warning", "asset", "BTC", "rule", "c")));
        assertFalse(CRITICAL_MUTES_WARNING.inhibits(BTC_CRITICAL, Map.of("severity", "info", "asset", "BTC")));
        assertFalse(InhibitRule.isInhibited(BTC_WARNING, List.of(), List.of(CRITICAL_MUTES_WARNING)), "nothing firing");
    }

    @Test
    void anAlertDoesNotInhibitItself() {
        InhibitRule anyMutesAny = new InhibitRule(List.of(), List.of(), List.of("asset"));
        assertFalse(anyMutesAny.inhibits(BTC_WARNING, BTC_WARNING));
        assertTrue(anyMutesAny.inhibits(BTC_CRITICAL, BTC_WARNING));
    }
}
