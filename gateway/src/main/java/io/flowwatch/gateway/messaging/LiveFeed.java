package io.flowwatch.gateway.messaging;

import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.EventFormatException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Metric updates and alert transitions as they happen, from this instance's own auto-deleted queues, fanned
 * out to every open stream. A slow stream client drops what it cannot take rather than slowing the others. While no
 * stream is open a message is acknowledged without being decoded: at 1,000 events/s decoding every metric update for
 * nobody was 7 % of the gateway's JFR execution samples (its CPU use did not change measurably: README).
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);

    private final BroadcastProcessor<Event<?>> events = BroadcastProcessor.create();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final Counter unread;

    public LiveFeed(MeterRegistry registry) {
        this.unread = Counter.builder("flowwatch.live.unread")
                .description("Live messages not decoded because no stream was open")
                .register(registry);
    }

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
        if (openStreams.get() == 0) {
            unread.increment();
            return;
        }
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

    /** Every event from now on, while the subscriber stays (a stream that closes ends its subscription). */
    public Multi<Event<?>> events() {
        return events.onOverflow().drop()
                .onSubscription().invoke(openStreams::incrementAndGet)
                .onTermination().invoke(openStreams::decrementAndGet);
    }
}
