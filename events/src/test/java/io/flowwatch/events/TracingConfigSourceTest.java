package io.flowwatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TracingConfigSourceTest {

    @Test
    void withoutAnEndpointNothingIsSampledSoNothingIsExported() {
        for (String unset : new String[] {null, "", "  "}) {
            TracingConfigSource source = new TracingConfigSource(unset);
            assertEquals("0.0", source.getValue("quarkus.otel.traces.sampler.arg"));
            assertNull(source.getValue("quarkus.otel.exporter.otlp.traces.endpoint"));
        }
    }

    @Test
    void anEndpointTurnsSamplingOnAndIsWhereSpansGo() {
        TracingConfigSource source = new TracingConfigSource(" http://otel-collector:4317 ");
        assertEquals("1.0", source.getValue("quarkus.otel.traces.sampler.arg"));
        assertEquals("http://otel-collector:4317", source.getValue("quarkus.otel.exporter.otlp.traces.endpoint"));
        assertEquals(260, source.getOrdinal(), "above application.properties (250), below the environment (300)");
    }
}
