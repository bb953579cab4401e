package io.flowwatch.events;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * OpenTelemetry export for every service from one variable, {@code FLOWWATCH_OTLP_ENDPOINT} (an OTLP gRPC endpoint,
 * e.g. {@code http://otel-collector:4317}). Set: every trace is sampled and exported there. Unset: traces still exist
 * (trace ids in the logs, {@code traceparent} on the wire) but none is sampled, so the exporter never runs and never
 * logs a failed export to an absent collector. Quarkus reads the exporter's presence at build time and only the
 * endpoint and the sampler ratio at run time, hence this switch. Ranks above application.properties (which leaves
 * these keys alone) and below the environment, so {@code QUARKUS_OTEL_*} variables still win.
 */
public class TracingConfigSource implements ConfigSource {

    public static final String ENDPOINT_VARIABLE = "FLOWWATCH_OTLP_ENDPOINT";

    private final Map<String, String> properties;

    public TracingConfigSource() {
        this(System.getenv(ENDPOINT_VARIABLE));
    }

    TracingConfigSource(String endpoint) {
        this.properties = endpoint == null || endpoint.isBlank()
                ? Map.of("quarkus.otel.traces.sampler.arg", "0.0")
                : Map.of("quarkus.otel.traces.sampler.arg", "1.0",
                        "quarkus.otel.exporter.otlp.traces.endpoint", endpoint.trim());
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "flowwatch-tracing";
    }

    @Override
    public int getOrdinal() {
        return 260;
    }
}
