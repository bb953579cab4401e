package io.flowwatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitioningTest {

    @Test
    void flowsOfOneAssetShareAKeyWhateverTheProduct() {
        assertEquals(Topology.eventPartitionKey("flow.btc.ibit"), Topology.eventPartitionKey("flow.btc.fbtc"));
        assertNotEquals(Topology.eventPartitionKey("flow.btc.ibit"), Topology.eventPartitionKey("flow.eth.etha"));
    }

    @Test
    void holdingsGoWithTheQuotesOfTheInstrumentTheirShareIsMeasuredAgainst() {
        assertEquals(Topology.eventPartitionKey("quote.btc.btc"), Topology.eventPartitionKey("holdings.btc.us-spot-etf:btc"));
        assertEquals(Topology.eventPartitionKey("quote.total.total"), Topology.eventPartitionKey("holdings.all.all-etp:all"));
        assertEquals(Topology.eventPartitionKey("flow.btc.ibit"), Topology.eventPartitionKey("quote.btc.btc"));
    }

    @Test
    void liquidationsOfOneVenueShareAKeyWhateverTheInstrument() {
        assertEquals("venue.hyperliquid", Topology.eventPartitionKey("liquidation.btc.hyperliquid"));
        assertEquals(Topology.eventPartitionKey("liquidation.eth.hyperliquid"),
                Topology.eventPartitionKey("liquidation.btc.hyperliquid"));
    }

    @Test
    void theKeyComesFromTheRoutingKeyThatTheContractGivesEachEvent() {
        FundFlow flow = new FundFlow("IBIT", "BlackRock", "BTC", "us-spot-etf", LocalDate.parse("2026-01-29"),
                new BigDecimal("-528300000"), 1);
        assertEquals("asset.btc", Topology.eventPartitionKey(flow.routingKey()));
        Quote quote = new Quote("TOTAL", Instant.parse("2026-01-29T21:00:00Z"), new BigDecimal("1"), null);
        assertEquals("asset.total", Topology.eventPartitionKey(quote.routingKey()));
    }

    @Test
    void unknownShapesKeepTheirRoutingKey() {
        assertEquals("metric.flow-daily.btc", Topology.eventPartitionKey("metric.flow-daily.btc"));
        assertEquals("odd", Topology.eventPartitionKey("odd"));
        assertEquals("", Topology.eventPartitionKey(null));
    }

    @Test
    void onePartitionLeavesTheChannelAsConfigured() {
        assertTrue(channel().properties(1).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> channel().properties(0));
    }

    @Test
    void morePartitionsMakeOneChannelCopyPerPartitionQueueBehindTheHashExchange() {
        Map<String, String> properties = channel().properties(3);
        assertEquals("3", properties.get("mp.messaging.incoming.events-in.concurrency"));
        assertEquals("x-consistent-hash", properties.get("mp.messaging.incoming.events-in.exchange.type"));
        assertEquals("flowwatch.analytics.partitions", properties.get("mp.messaging.incoming.events-in.exchange.name"));
        assertEquals("args", properties.get("mp.messaging.incoming.events-in.exchange.arguments"));
        assertEquals("1", properties.get("mp.messaging.incoming.events-in.routing-keys"));
        assertEquals("true", properties.get("mp.messaging.incoming.events-in.queue.single-active-consumer"));
        assertEquals("quorum", properties.get("mp.messaging.incoming.events-in.dead-letter-queue-type"));
        assertEquals("50", properties.get("mp.messaging.incoming.events-in.queue.x-delivery-limit"));
        assertEquals(PartitionedChannel.QUEUE_ARGUMENTS, properties.get("mp.messaging.incoming.events-in.queue.arguments"));
        assertEquals("200", properties.get("mp.messaging.incoming.events-in.max-outstanding-messages"));
        assertEquals("flowwatch.analytics.events.0", properties.get("mp.messaging.incoming.events-in$1.queue.name"));
        assertEquals("flowwatch.analytics.events.2", properties.get("mp.messaging.incoming.events-in$3.queue.name"));
        assertEquals(null, properties.get("mp.messaging.incoming.events-in$4.queue.name"));
    }

    @Test
    void partitionQueuesDeadLetterAtLeastOnce() {
        // at most once (the default) drops what is dead-lettered while the parking queue has no leader
        assertEquals("at-least-once", PartitionedChannel.queueArguments().get("x-dead-letter-strategy"));
        // which RabbitMQ honours only together with reject-publish
        assertEquals("reject-publish", PartitionedChannel.queueArguments().get("x-overflow"));
    }

    private static PartitionedChannel channel() {
        return new PartitionedChannel("events-in", Topology.ANALYTICS_EVENTS_QUEUE, Topology.ANALYTICS_PARTITION_EXCHANGE,
                "args");
    }
}
