package io.flowwatch.events;

import java.util.Locale;

/**
 * The RabbitMQ topology, named here and nowhere else. Exchanges are durable topic exchanges; consumer
 * queues are durable quorum queues that dead-letter to {@link #DEAD_LETTER_EXCHANGE}, where each has a
 * parking queue named {@code <queue>.parked}.
 */
public final class Topology {

    /** Input events from ingest: fund flows, holdings, quotes, liquidations. */
    public static final String EVENTS_EXCHANGE = "flowwatch.events";
    /** Metric updates from analytics. */
    public static final String METRICS_EXCHANGE = "flowwatch.metrics";
    /** Alert state changes from the alert service. */
    public static final String ALERTS_EXCHANGE = "flowwatch.alerts";
    /** Where consumer queues send what they reject; bound to each parking queue by the queue's name. */
    public static final String DEAD_LETTER_EXCHANGE = "flowwatch.dlx";

    /** analytics-service consumes every input event from here. */
    public static final String ANALYTICS_EVENTS_QUEUE = "flowwatch.analytics.events";
    /** alert-service consumes every metric update from here. */
    public static final String ALERT_METRICS_QUEUE = "flowwatch.alert.metrics";

    /** Binding keys. */
    public static final String ALL_EVENTS = "#";

    /**
     * Scale-out (N &gt; 1 partitions): analytics binds this consistent-hash exchange ({@code x-consistent-hash}) to
     * {@link #EVENTS_EXCHANGE} and spreads the events over N partition queues by {@link #PARTITION_KEY_HEADER}.
     */
    public static final String ANALYTICS_PARTITION_EXCHANGE = "flowwatch.analytics.partitions";
    /** The same for alert-service: metric updates over N partitions, hashed by routing key (= the series). */
    public static final String ALERT_PARTITION_EXCHANGE = "flowwatch.alert.partitions";
    /** Set by the publisher of input events: the aggregate an event belongs to ({@link #eventPartitionKey}). */
    public static final String PARTITION_KEY_HEADER = "x-flowwatch-partition-key";

    private Topology() {}

    /** The parking (dead-letter) queue of a consumer queue. */
    public static String parkingQueue(String queue) {
        return queue + ".parked";
    }

    /** Partition {@code index} (0-based) of a consumer queue when it is split into partitions. */
    public static String partitionQueue(String queue, int index) {
        return queue + "." + index;
    }

    /**
     * The aggregate an input event belongs to, from its routing key: all events that analytics combines into one
     * derived figure must have the same key, so that one consumer applies them in order. Flows, holdings and quotes
     * of one asset go together (an asset class's totals sum its products; its holdings share divides by the
     * asset's market cap, where holdings of {@code ALL} are measured against instrument {@code TOTAL}); liquidation
     * windows add up one venue's liquidations over every instrument.
     */
    public static String eventPartitionKey(String routingKey) {
        String[] words = routingKey == null ? new String[0] : routingKey.split("\\.", -1);
        if (words.length != 3) {
            return routingKey == null ? "" : routingKey;
        }
        String kind = words[0];
        if (kind.equals(EventType.FUND_FLOW.routingPrefix()) || kind.equals(EventType.QUOTE.routingPrefix())) {
            return "asset." + words[1];
        }
        if (kind.equals(EventType.HOLDINGS.routingPrefix())) {
            return "asset." + (words[1].equals("all") ? "total" : words[1]);
        }
        if (kind.equals(EventType.LIQUIDATION.routingPrefix())) {
            return "venue." + words[2];
        }
        return routingKey;
    }

    /**
     * {@code <kind>.<asset-or-instrument>.<subject>}, lower case; dots inside a word become dashes so that
     * each of the three words stays one word for topic bindings (e.g. {@code flow.btc.*}).
     */
    public static String routingKey(EventType type, String assetOrInstrument, String subject) {
        return type.routingPrefix() + "." + word(assetOrInstrument) + "." + word(subject);
    }

    private static String word(String value) {
        if (value == null || value.isBlank()) {
            return "none";
        }
        return value.trim().toLowerCase(Locale.ROOT).replace('.', '-').replace(' ', '-');
    }
}
