package io.flowwatch.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Everything analytics-service can be told, under {@code flowwatch.analytics}. */
@ConfigMapping(prefix = "flowwatch.analytics")
public interface AnalyticsConfig {

    /**
     * When several sources report the same product and date (or the same holdings scope and date), the figure of
     * the source listed first wins; sources not listed come after them, in alphabetical order. Queries that name a
     * {@code source} use only that source.
     */
    @WithDefault("farside,sosovalue,coinshares")
    List<String> sourcePriority();

    /** The {@code source} attribute of the metric events this service publishes. */
    @WithDefault("analytics")
    String eventSource();

    /**
     * Partitions of the input events (scale-out). 1: one queue bound to the events exchange, as on one machine. N &gt; 1:
     * a consistent-hash exchange spreads the events by aggregate over N partition queues, each with a single active
     * consumer (one per instance is active, the others wait as standbys); {@link PartitionChannels} configures the
     * channel copies. Every instance must use the same N.
     */
    @WithDefault("1")
    int partitions();

    /** Consuming input events. */
    Consumer consumer();

    /** Relaying metric updates from the outbox. */
    Outbox outbox();

    /** Windows of the time-based metrics. */
    Windows windows();

    /**
     * Human names for scopes, overriding or adding to the built-in ones: an asset class
     * ({@code flowwatch.analytics.labels."us-spot-etf:BTC"=US spot Bitcoin ETFs}), a holdings scope, an instrument
     * ({@code TOTAL}) or an asset ({@code BTC}, used to name asset classes without a label of their own).
     */
    Map<String, String> labels();

    interface Consumer {
        /**
         * At most this many events are applied in one transaction (a batch message counts its events; one message
         * always fits). 1000 rather than 500 since ingest sends batch messages: the throughput phase alone went from
         * 10,582 to 11,647 events/s (bench/README.md, "Fifteenth and sixteenth runs").
         */
        @WithDefault("1000")
        int batchSize();

        /** A batch is closed after this long even if it is not full. */
        @WithDefault("50ms")
        Duration batchWait();

        /**
         * Failures of one event (counted by the consumer, per instance) before it is parked. Also the one queue's
         * {@code x-delivery-limit}, which the broker enforces for messages the consumer cannot even reject; partition
         * queues get a higher one ({@code PartitionedChannel.DELIVERY_LIMIT}), because the broker counts returns
         * after a failover as deliveries too.
         */
        @WithDefault("5")
        int deliveryLimit();

        /** The wait before a message that failed for a transient reason goes back to the queue (times the attempt). */
        @WithDefault("200ms")
        Duration retryBackoff();
    }

    interface Outbox {
        /** Rows published per relay transaction. */
        @WithDefault("1000")
        int batchSize();

        /**
         * Relay rounds at a time, each on its own partition of the outbox (by series, so that a series' updates go out
         * in order): one publishes while another awaits its confirms.
         */
        @WithDefault("2")
        int rounds();

        /** How often the relay looks for rows (it is also woken after every committed batch). */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long the relay waits for the broker's confirms before it gives up and tries again later. */
        @WithDefault("30s")
        Duration publishTimeout();

        /**
         * Rounds in a row without their confirms on a connected channel after which liveness reports the relay
         * stalled (every 2nd such round already puts the channel on a new connection).
         */
        @WithDefault("4")
        int stalledAfter();

        /** Sent rows older than this are deleted (they back GET /api/v1/metrics). */
        @WithDefault("P7D")
        Duration retention();
    }

    interface Windows {
        /** Windows of {@code quote.change}. */
        @WithDefault("1h,24h,7d")
        List<String> quoteChange();

        /**
         * Of an instrument's quotes in one batch, only the last in each such step of quote time makes
         * {@code quote.change} updates; {@code 0s} makes them for every quote. A tick feed (hundreds of quotes a second)
         * would otherwise write, relay and deliver an update per tick and window, which no alert needs within a second.
         */
        @WithDefault("1s")
        Duration quoteChangeStep();

        /** Windows of {@code liquidation.window}. */
        @WithDefault("1h,4h,24h")
        List<String> liquidation();
    }
}
