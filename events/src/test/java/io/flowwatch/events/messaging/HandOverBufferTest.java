package io.flowwatch.events.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-over buffer every service sizes at start-up (analytics' HandOverBufferTest checks a running service). */
class HandOverBufferTest {

    @Test
    void bufferSizesArePowersOfTwoNeverBelowMutinysDefault() {
        assertEquals(256, HandOverBuffer.sizeFor(0));
        assertEquals(256, HandOverBuffer.sizeFor(64));
        assertEquals(1024, HandOverBuffer.sizeFor(200));
        assertEquals(4096, HandOverBuffer.sizeFor(1000));
        assertEquals(4096, HandOverBuffer.sizeFor(1024));
    }

    @Test
    void theLargestPrefetchOfAnyIncomingChannelCounts() {
        Map<String, String> properties = Map.of(
                "mp.messaging.incoming.metrics-in.max-outstanding-messages", "200",
                "mp.messaging.incoming.events-in.max-outstanding-messages", " 1000 ",
                "mp.messaging.outgoing.metrics-out.max-inflight-messages", "9223372036854775807",
                "mp.messaging.incoming.events-in.queue.name", "flowwatch.analytics.events");
        assertEquals(1000, HandOverBuffer.largestPrefetch(properties.keySet(), properties::get));
        assertEquals(0, HandOverBuffer.largestPrefetch(Map.<String, String>of().keySet(), name -> null));
    }
}
