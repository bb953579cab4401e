package io.flowwatch.alert.config;

import io.flowwatch.events.PartitionedChannel;
import io.flowwatch.events.Topology;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.List;
import java.util.OptionalInt;

/**
 * Turns {@code flowwatch.alert.partitions} into the configuration of the {@code metrics-in} channel (see
 * {@link PartitionedChannel}): one channel copy per partition queue, behind the consistent-hash exchange
 * {@link Topology#ALERT_PARTITION_EXCHANGE}, which hashes the routing key {@code metric.<metric>.<scope>}: every
 * update of one series (and so every rule's state for it) is evaluated by one consumer, in order. Its ordinal is
 * above application.properties and below the environment, so an operator can still override any single property.
 */
public class PartitionChannels implements ConfigSourceFactory {

    public static final String PROPERTY = "flowwatch.alert.partitions";
    public static final PartitionedChannel CHANNEL = new PartitionedChannel("metrics-in", Topology.ALERT_METRICS_QUEUE,
            Topology.ALERT_PARTITION_EXCHANGE, null);

    @Override
    public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue(PROPERTY);
        int partitions = value == null || value.getValue() == null ? 1 : Integer.parseInt(value.getValue().trim());
        return List.of(new MapBackedConfigSource("flowwatch-alert-partitions", CHANNEL.properties(partitions), 275) {});
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(275);
    }

}
