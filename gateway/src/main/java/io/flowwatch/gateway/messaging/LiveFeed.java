package io.flowwatch.gateway.messaging;

import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.EventFormatException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
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
    public void metric(byte[] body) {
        publish(body);
    }

    @Incoming("alerts-live")
    public void alert(byte[] body) {
        publish(body);
    }

    private void publish(byte[] body) {
        try {
            events.onNext(EventCodec.decode(body));
        } catch (EventFormatException e) {
            LOG.warnf("ignoring a live message that is not a contract event: %s", e.getMessage());
        }
    }

    public Multi<Event<?>> events() {
        return events.onOverflow().drop();
    }
}
