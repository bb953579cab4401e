package io.flowwatch.gateway.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.events.ContractSamples;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The live feed decodes messages only while a stream is open, and every open stream gets them. */
class LiveFeedTest {

    private static final byte[] METRIC =
            ContractSamples.json(ContractSamples.sampleName(EventType.METRIC)).getBytes(StandardCharsets.UTF_8);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LiveFeed feed = new LiveFeed(registry);

    private double unread() {
        return registry.get("flowwatch.live.unread").counter().count();
    }

    @Test
    void withoutAnOpenStreamAMessageIsNotDecoded() {
        feed.metric(METRIC);
        feed.alert("not even JSON");

        assertEquals(2, unread());
    }

    @Test
    void everyOpenStreamGetsTheEventsAndAClosedOneStopsTheDecoding() {
        AssertSubscriber<Event<?>> first = feed.events().subscribe().withSubscriber(AssertSubscriber.create(10));
        AssertSubscriber<Event<?>> second = feed.events().subscribe().withSubscriber(AssertSubscriber.create(10));

        feed.metric(METRIC);

        assertEquals(1, first.getItems().size());
        assertEquals(EventType.METRIC, first.getItems().getFirst().eventType());
        assertEquals(1, second.getItems().size());
        assertEquals(0, unread());

        first.cancel();
        feed.metric(METRIC);
        assertEquals(2, second.getItems().size());
        assertEquals(0, unread(), "one stream is still open");

        second.cancel();
        feed.metric(METRIC);
        assertEquals(1, unread());
    }
}
