package io.flowwatch.ingest.messaging;

import io.flowwatch.events.Event;
import io.flowwatch.events.Topology;
import io.flowwatch.ingest.repository.OutboxRepository.OutboxRow;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes logged events to the {@code events-out} channel (exchange {@code flowwatch.events}, publisher
 * confirms on): routing key {@code event.routingKey()}, message id = event id, persistent, JSON, with the
 * CloudEvents attributes also as {@code ce-*} headers, and the aggregate the event belongs to in
 * {@link Topology#PARTITION_KEY_HEADER} (what analytics' consistent-hash exchange spreads partitions by). The returned
 * Uni completes when the broker confirmed.
 */
@ApplicationScoped
public class EventPublisher {

    public static final String CHANNEL = "events-out";
    /** Set on messages that a replay published again. */
    public static final String REPLAY_HEADER = "x-flowwatch-replay";
    private static final int PERSISTENT = 2;

    private final MutinyEmitter<byte[]> emitter;
    private final HealthCenter health;

    public EventPublisher(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192) MutinyEmitter<byte[]> emitter,
            HealthCenter health) {
        this.emitter = emitter;
        this.health = health;
    }

    /** Completes on the broker's confirm; fails on a nack or a failed send. */
    public Uni<Void> publish(OutboxRow row) {
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder()
                .withMessageId(row.eventId().toString())
                .withRoutingKey(row.routingKey())
                .withContentType(Event.CONTENT_TYPE)
                .withDeliveryMode(PERSISTENT)
                .withType(row.type())
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withHeader("ce-specversion", Event.SPEC_VERSION)
                .withHeader("ce-id", row.eventId().toString())
                .withHeader("ce-type", row.type())
                .withHeader("ce-source", row.source())
                .withHeader("ce-subject", row.subject())
                .withHeader(Topology.PARTITION_KEY_HEADER, Topology.eventPartitionKey(row.routingKey()));
        if (row.replay()) {
            metadata.withHeader(REPLAY_HEADER, true);
        }
        Message<byte[]> message = Message.of(row.json().getBytes(StandardCharsets.UTF_8)).addMetadata(metadata.build());
        return emitter.sendMessage(message);
    }

    /** Whether the channel's connection to the broker is up (its readiness as the connector reports it). */
    public boolean connected() {
        HealthReport readiness = health.getReadiness();
        return readiness.getChannels().stream()
                .filter(channel -> CHANNEL.equals(channel.getChannel()))
                .allMatch(HealthReport.ChannelInfo::isOk);
    }
}
