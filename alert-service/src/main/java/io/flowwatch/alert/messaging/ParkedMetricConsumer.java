package io.flowwatch.alert.messaging;

import io.flowwatch.alert.service.ParkedService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Drains the parking queue into PostgreSQL with the broker's reason ({@code x-first-death-reason}, {@code x-death}),
 * so that parked metric messages are listed and replayed through the API. The message is acknowledged only after it
 * is stored; if storing fails it goes back to the parking queue.
 */
@ApplicationScoped
public class ParkedMetricConsumer {

    private final ParkedService parked;

    public ParkedMetricConsumer(ParkedService parked) {
        this.parked = parked;
    }

    @Incoming("parked-metrics-in")
    public Uni<Void> consume(Message<byte[]> message) {
        byte[] body = Payloads.bytes(message.getPayload());
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        Map<String, Object> headers = metadata == null ? Map.of() : jsonSafe(metadata.getHeaders());
        String reason = headers.get("x-first-death-reason") instanceof String s ? s : null;
        String routingKey = originalRoutingKey(headers, metadata);
        return parked.parked(body, routingKey, headers, reason)
                .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(3)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(message.nack(failure)));
    }

    /** The routing key the message was first published with, from {@code x-death}. */
    @SuppressWarnings("unchecked")
    private static String originalRoutingKey(Map<String, Object> headers, IncomingRabbitMQMetadata metadata) {
        if (headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.getFirst() instanceof Map<?, ?> death
                && death.get("routing-keys") instanceof List<?> keys && !keys.isEmpty()) {
            return String.valueOf(keys.getFirst());
        }
        return metadata == null ? null : metadata.getRoutingKey();
    }

    /** AMQP header values (LongString, Date, nested tables and arrays) as JSON-friendly values. */
    static Map<String, Object> jsonSafe(Map<String, Object> headers) {
        Map<String, Object> safe = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((key, value) -> safe.put(key, jsonValue(value)));
        }
        return safe;
    }

    @SuppressWarnings("unchecked")
    private static Object jsonValue(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            case Date d -> d.toInstant().toString();
            case Map<?, ?> map -> jsonSafe((Map<String, Object>) map);
            case List<?> list -> {
                List<Object> out = new ArrayList<>();
                list.forEach(v -> out.add(jsonValue(v)));
                yield out;
            }
            case byte[] bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            default -> String.valueOf(value); // LongString and anything else
        };
    }
}
