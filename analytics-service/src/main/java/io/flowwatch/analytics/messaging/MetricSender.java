package io.flowwatch.analytics.messaging;

import io.flowwatch.analytics.repository.PendingMetric;
import io.flowwatch.events.messaging.ChannelReadiness;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes metric events on {@code metrics-out} (the metrics exchange); the returned Uni completes when the broker
 * has confirmed the message ({@code publish-confirms=true}).
 */
@ApplicationScoped
public class MetricSender {

    public static final String CHANNEL = "metrics-out";

    private final MutinyEmitter<byte[]> emitter;
    private final HealthCenter health;

    public MetricSender(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<byte[]> emitter, HealthCenter health) {
        this.emitter = emitter;
        this.health = health;
    }

    /**
     * Whether the channel's connection to the broker is up, as the connector reports it (a channel that never
     * connected counts as up: its first publish connects it).
     */
    public boolean connected() {
        return ChannelReadiness.connected(health, CHANNEL);
    }

    public Uni<Void> send(PendingMetric metric) {
        OutgoingRabbitMQMetadata metadata = new OutgoingRabbitMQMetadata.Builder()
                .withRoutingKey(metric.routingKey())
                .withMessageId(metric.eventId())
                .withContentType("application/json")
                .withDeliveryMode(2)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withType("flowwatch.metric.v1")
                .build();
        return emitter.sendMessage(Message.of(metric.payload().getBytes(StandardCharsets.UTF_8), Metadata.of(metadata)));
    }
}
