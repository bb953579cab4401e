package io.flowwatch.events;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Offers the names of {@link Topology} as configuration ({@code flowwatch.topology.*}), so that each
 * service's messaging channels refer to them ({@code ${flowwatch.topology.events-exchange}}) instead of
 * spelling them again. Lowest priority: a deployment may still override any of them.
 */
public class TopologyConfigSource implements ConfigSource {

    private static final Map<String, String> PROPERTIES = Map.of(
            "flowwatch.topology.events-exchange", Topology.EVENTS_EXCHANGE,
            "flowwatch.topology.metrics-exchange", Topology.METRICS_EXCHANGE,
            "flowwatch.topology.alerts-exchange", Topology.ALERTS_EXCHANGE,
            "flowwatch.topology.dead-letter-exchange", Topology.DEAD_LETTER_EXCHANGE,
            "flowwatch.topology.analytics-events-queue", Topology.ANALYTICS_EVENTS_QUEUE,
            "flowwatch.topology.analytics-events-parked", Topology.parkingQueue(Topology.ANALYTICS_EVENTS_QUEUE),
            "flowwatch.topology.alert-metrics-queue", Topology.ALERT_METRICS_QUEUE,
            "flowwatch.topology.alert-metrics-parked", Topology.parkingQueue(Topology.ALERT_METRICS_QUEUE));

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "flowwatch-topology";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
