package io.flowwatch.ingest.messaging;

import io.flowwatch.events.Event;
import io.flowwatch.events.EventBatch;
import io.flowwatch.events.Topology;
import io.flowwatch.events.messaging.ChannelReadiness;
import io.flowwatch.ingest.repository.OutboxRepository.OutboxRow;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes logged events to the {@code events-out} channel (exchange {@code flowwatch.events}, publisher
 * confirms on): routing key {@code event.routingKey()}, persistent, JSON (one event, or several of one routing key in
 * the CloudEvents JSON batch format), with the CloudEvents attributes also as {@code ce-*} headers, and the aggregate
 * the events belong to in {@link Topology#PARTITION_KEY_HEADER} (what analytics' consistent-hash exchange spreads partitions by). The returned
 * Uni completes when the broker confirmed.
 */
@ApplicationScoped
public class EventPublisher {

    public static final String CHANNEL = "events-out";
    /** Set on messages that a replay published again. */
    public static final String REPLAY_HEADER = "x-flowwatch-replay";
    /** The correlation id (X-Request-Id) of the request that brought the event, when one did. */
    public static final String REQUEST_ID_HEADER = "x-request-id";
    private static final int PERSISTENT = 2;

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final MutinyEmitter<byte[]> emitter;
    private final HealthCenter health;

    public EventPublisher(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192) MutinyEmitter<byte[]> emitter,
            HealthCenter health) {
        this.emitter = emitter;
        this.health = health;
    }

    /**
     * Publishes rows that {@link EventMessages} put together as one message: one row as a single event, several in the
     * CloudEvents JSON batch format (message id = the first event's id, no {@code ce-id}). Completes on the broker's
     * confirm; fails on a nack or a failed send.
     */
    public Uni<Void> publish(List<OutboxRow> rows) {
        OutboxRow first = rows.getFirst();
        boolean single = rows.size() == 1;
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder()
                .withMessageId(first.eventId().toString())
                .withRoutingKey(first.routingKey())
                .withContentType(single ? Event.CONTENT_TYPE : EventBatch.CONTENT_TYPE)
                .withDeliveryMode(PERSISTENT)
                .withType(first.type())
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withHeader("ce-specversion", Event.SPEC_VERSION)
                .withHeader("ce-type", first.type())
                .withHeader("ce-source", first.source())
                .withHeader("ce-subject", first.subject())
                .withHeader(Topology.PARTITION_KEY_HEADER, Topology.eventPartitionKey(first.routingKey()));
        if (single) {
            metadata.withHeader("ce-id", first.eventId().toString());
        } else {
            metadata.withHeader(EventBatch.EVENT_COUNT_HEADER, rows.size());
        }
        if (first.requestId() != null) {
            metadata.withHeader(REQUEST_ID_HEADER, first.requestId());
        }
        if (first.replay()) {
            metadata.withHeader(REPLAY_HEADER, true);
        }
        byte[] body = single
                ? first.json().getBytes(StandardCharsets.UTF_8)
                : EventBatch.join(rows.stream().map(OutboxRow::json).toList());
        Message<byte[]> message = Message.of(body).addMetadata(metadata.build());
        if (first.traceparent() != null) {
            // The publish span (and its traceparent header) continues the trace of the request that brought the events.
            Context request = W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), Map.of("traceparent", first.traceparent()), MAP_GETTER);
            message = message.addMetadata(TracingMetadata.with(request, request));
        }
        return emitter.sendMessage(message);
    }

    /** Whether the channel's connection to the broker is up (its readiness as the connector reports it). */
    public boolean connected() {
        return ChannelReadiness.connected(health, CHANNEL);
    }
}
