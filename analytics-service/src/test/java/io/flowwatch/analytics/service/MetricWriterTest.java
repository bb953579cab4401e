package io.flowwatch.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.flowwatch.events.MetricUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricWriterTest {

    private static MetricUpdate update(String value, Map<String, String> context) {
        return new MetricUpdate("flow.daily", "us-spot-etf:BTC", LocalDate.parse("2026-01-29"),
                Instant.parse("2026-01-29T21:00:00Z"), new BigDecimal(value), context);
    }

    @Test
    void equalUpdatesHaveEqualFingerprintsWhateverTheContextOrder() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("a", "1");
        one.put("b", "2");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("b", "2");
        other.put("a", "1");
        assertEquals(MetricWriter.fingerprint(update("-817900000", one)),
                MetricWriter.fingerprint(update("-817900000.00", other)));
        assertNotEquals(MetricWriter.fingerprint(update("-817900000", one)),
                MetricWriter.fingerprint(update("-817900001", one)));
        assertNotEquals(MetricWriter.fingerprint(update("-817900000", one)),
                MetricWriter.fingerprint(update("-817900000", Map.of("a", "1"))));
        assertEquals("flow.daily/us-spot-etf:BTC@2026-01-29", MetricWriter.seriesKey(update("1", one)));
    }
}
