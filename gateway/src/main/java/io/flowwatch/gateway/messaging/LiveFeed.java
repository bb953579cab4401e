package io.flowwatch.gateway.messaging;

import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.EventFormatException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Metric updates and alert transitions as they happen, from this instance's own auto-deleted queues, fanned
 * out to every open stream. A slow stream client drops what it cannot take rather than slowing the others.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);

    private final BroadcastProcessor<Event<?>> events = BroadcastProcessor.create();

    @Incoming("metrics-live")
    public void metric(Object payload) {
        publish(payload);
    }

    @Incoming("alerts-live")
    public void alert(Object payload) {
        publish(payload);
    }

    /** The connector hands JSON messages over as a JsonObject, others as bytes or text. */
    private void publish(Object payload) {
        try {
            Event<?> event = switch (payload) {
                case JsonObject json -> EventCodec.decode(json.encode());
                case byte[] bytes -> EventCodec.decode(bytes);
                case Buffer buffer -> EventCodec.decode(buffer.getBytes());
                default -> EventCodec.decode(String.valueOf(payload));
            };
            events.onNext(event);
        } catch (EventFormatException e) {
            LOG.warnf("ignoring a live message that is not a contract event: %s", e.getMessage());
        }
    }

    public Multi<Event<?>> events() {
        return events.onOverflow().drop();
    }
}
