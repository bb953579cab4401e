package io.flowwatch.analytics.config;

import io.flowwatch.events.PartitionedChannel;
import io.flowwatch.events.Topology;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Turns {@code flowwatch.analytics.partitions} into the configuration of the {@code events-in} channel (see
 * {@link PartitionedChannel}): one channel copy per partition queue, behind the consistent-hash exchange
 * {@link Topology#ANALYTICS_PARTITION_EXCHANGE} that hashes {@link Topology#PARTITION_KEY_HEADER}. Its ordinal is
 * above application.properties and below the environment, so an operator can still override any single property.
 */
public class PartitionChannels implements ConfigSourceFactory {

    public static final String PROPERTY = "flowwatch.analytics.partitions";
    /** The bean with the consistent-hash exchange's arguments. */
    public static final String EXCHANGE_ARGUMENTS = "flowwatch-analytics-partition-exchange";
    public static final PartitionedChannel CHANNEL = new PartitionedChannel("events-in", Topology.ANALYTICS_EVENTS_QUEUE,
            Topology.ANALYTICS_PARTITION_EXCHANGE, EXCHANGE_ARGUMENTS);

    /** The consistent-hash exchange hashes the aggregate key that the publisher puts in a header. */
    public static Map<String, Object> exchangeArguments() {
        return Map.of("hash-header", Topology.PARTITION_KEY_HEADER);
    }

    @Override
    public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue(PROPERTY);
        int partitions = value == null || value.getValue() == null ? 1 : Integer.parseInt(value.getValue().trim());
        return List.of(new MapBackedConfigSource("flowwatch-analytics-partitions", CHANNEL.properties(partitions), 275) {});
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(275);
    }

    /** The exchange arguments as the connector looks them up (by identifier). */
    @ApplicationScoped
    public static class Beans {
        @Produces
        @Identifier(EXCHANGE_ARGUMENTS)
        Map<String, Object> partitionExchangeArguments() {
            return exchangeArguments();
        }
    }
}
