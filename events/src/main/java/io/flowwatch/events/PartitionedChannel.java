package io.flowwatch.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SmallRye RabbitMQ configuration that splits one incoming channel over {@code partitions} partition queues:
 * the channel's {@code concurrency} makes one copy of the channel per partition ({@code <channel>$1} …
 * {@code <channel>$N}, each with its own consumer and subscriber), each copy consumes its own quorum queue
 * {@code <queue>.<i>} bound with weight 1 to a consistent-hash exchange, and every partition queue has a single
 * active consumer, so that one partition (and with it one aggregate) is processed by one consumer at a time, in
 * order, while the other instances' consumers wait as standbys. Dead letters of all partitions keep going to the
 * one parking queue of the logical queue (its dead-letter routing key is unchanged), which is a quorum queue too.
 *
 * <p>With one partition nothing is returned: the channel stays exactly as the service configures it (one queue
 * bound to the topic exchange).
 *
 * @param channel the incoming channel, e.g. {@code events-in}
 * @param queue the logical queue, e.g. {@link Topology#ANALYTICS_EVENTS_QUEUE}
 * @param exchange the consistent-hash exchange, e.g. {@link Topology#ANALYTICS_PARTITION_EXCHANGE}
 * @param exchangeArguments the name of the bean with the exchange's arguments ({@code hash-header}); null to hash
 *     the routing key
 */
public record PartitionedChannel(String channel, String queue, String exchange, String exchangeArguments) {

    /** The exchange type of the RabbitMQ plugin {@code rabbitmq_consistent_hash_exchange}. */
    public static final String CONSISTENT_HASH = "x-consistent-hash";
    /** Prefetch of each partition's consumer. */
    public static final int MAX_OUTSTANDING = 200;
    /**
     * The partition queues' {@code x-delivery-limit}: only a backstop for a message that keeps killing its consumer.
     * RabbitMQ 3.x counts every return of an unacknowledged message against it, also when the consumer's channel
     * closes (an instance or broker node dies, a rebalance, a liveness restart), and one incident returns a whole
     * prefetch several times over; with 5, messages that never failed were dead-lettered after a failover. The
     * consumers count their own failures for the parking decision.
     */
    public static final int DELIVERY_LIMIT = 50;
    /** The identifier of the bean with {@link #queueArguments()} (produced by {@code PartitionQueueArguments}). */
    public static final String QUEUE_ARGUMENTS = "flowwatch-partition-queue-arguments";

    /**
     * Arguments of every partition queue that the connector has no attribute for: dead-lettering <em>at least
     * once</em>. By default a quorum queue dead-letters at most once: the message is removed and published to the
     * dead-letter exchange without a confirm, so one that is dead-lettered while the parking queue has no leader (a
     * node just died) is gone. At least once keeps it in the partition until the parking queue confirmed it; RabbitMQ
     * requires {@code x-overflow=reject-publish} for that (no length limit is set, so nothing is ever rejected).
     */
    public static Map<String, Object> queueArguments() {
        return Map.of("x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish");
    }

    /** The channel properties for {@code partitions} partitions; empty for one. */
    public Map<String, String> properties(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (partitions == 1) {
            return properties;
        }
        String prefix = "mp.messaging.incoming." + channel + ".";
        properties.put(prefix + "concurrency", Integer.toString(partitions));
        properties.put(prefix + "exchange.name", exchange);
        properties.put(prefix + "exchange.type", CONSISTENT_HASH);
        if (exchangeArguments != null) {
            properties.put(prefix + "exchange.arguments", exchangeArguments);
        }
        // For a consistent-hash exchange the binding key is the queue's weight.
        properties.put(prefix + "routing-keys", "1");
        properties.put(prefix + "queue.single-active-consumer", "true");
        properties.put(prefix + "queue.x-delivery-limit", Integer.toString(DELIVERY_LIMIT));
        properties.put(prefix + "queue.arguments", QUEUE_ARGUMENTS);
        // The parking queue must survive the loss of a node too (a classic queue lives on one node, and while that
        // node is down the connector cannot declare it and so cannot consume at all).
        properties.put(prefix + "dead-letter-queue-type", "quorum");
        // At most this many unacknowledged messages per partition: fewer than the connector's hand-over buffer
        // (Mutiny's emitOn queue, 256), which otherwise overflows when the connector reconnects to another node
        // (BackPressureFailure) and ends the partition's stream for good.
        properties.put(prefix + "max-outstanding-messages", Integer.toString(MAX_OUTSTANDING));
        for (int i = 0; i < partitions; i++) {
            // SmallRye numbers the copies of a channel from 1.
            properties.put("mp.messaging.incoming." + channel + "$" + (i + 1) + ".queue.name",
                    Topology.partitionQueue(queue, i));
        }
        return properties;
    }
}
