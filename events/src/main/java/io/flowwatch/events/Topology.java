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

    private Topology() {}

    /** The parking (dead-letter) queue of a consumer queue. */
    public static String parkingQueue(String queue) {
        return queue + ".parked";
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
