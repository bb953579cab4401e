package io.flowwatch.alert.service;

import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.EventFormatException;
import io.flowwatch.events.EventType;
import io.flowwatch.events.MetricUpdate;
import java.util.UUID;

/** Reads the body of a message on the metrics queue. */
public final class MetricMessages {

    private MetricMessages() {}

    /** A metric update with the id of the event that carried it. */
    public record Decoded(UUID eventId, MetricUpdate update) {}

    /** The metric update of an {@code Event<MetricUpdate>}; {@link UnprocessableMessageException} for anything else. */
    public static Decoded decode(byte[] body) {
        try {
            Event<?> event = EventCodec.decode(body);
            if (event.data() instanceof MetricUpdate update) {
                return new Decoded(event.id(), update);
            }
            throw new UnprocessableMessageException(
                    "expected a " + EventType.METRIC.type() + " event, got " + event.type());
        } catch (EventFormatException e) {
            throw new UnprocessableMessageException(
                    "not a metric event: " + e.getMessage() + (e.field().isEmpty() ? "" : " (at " + e.field() + ")"));
        }
    }
}
