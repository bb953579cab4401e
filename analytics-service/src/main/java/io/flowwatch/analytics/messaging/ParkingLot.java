package io.flowwatch.analytics.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import io.flowwatch.events.Topology;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The parking queue of the events queue: messages that could not be processed, with the reason. The consumer parks
 * a message itself (publishing it there with {@code x-flowwatch-error} and acknowledging the original), which keeps
 * the reason; what the broker dead-letters (rejections, the delivery limit) arrives through the dead-letter
 * exchange with {@code x-death}. Listing takes messages with {@code basic.get} and puts them all back; replay moves
 * one back to the events queue (one browse at a time, so that two listings do not hide messages from each other).
 * Blocking: call from worker threads.
 */
@ApplicationScoped
public class ParkingLot {

    public static final String ERROR = "x-flowwatch-error";
    public static final String ROUTING_KEY = "x-flowwatch-routing-key";
    public static final String PARKED_AT = "x-flowwatch-parked-at";
    public static final String PARKED_ID = "x-flowwatch-parked-id";
    public static final String REPLAYS = "x-flowwatch-replays";
    /** Set by quorum queues on redelivery: how often the message was returned before. */
    public static final String DELIVERY_COUNT = "x-delivery-count";
    private static final int MAX_REASON = 2_000;
    /** How many parked messages a replay looks through for the id. */
    private static final int SCAN_LIMIT = 10_000;

    private final BrokerConnection broker;
    private final String queue;
    private final String parkingQueue;
    private final PartitionTopology partitions;

    public ParkingLot(
            BrokerConnection broker,
            @ConfigProperty(name = "flowwatch.topology.analytics-events-queue") String queue,
            @ConfigProperty(name = "flowwatch.topology.analytics-events-parked") String parkingQueue,
            PartitionTopology partitions) {
        this.broker = broker;
        this.queue = queue;
        this.parkingQueue = parkingQueue;
        this.partitions = partitions;
    }

    public String queue() {
        return queue;
    }

    public String parkingQueue() {
        return parkingQueue;
    }

    /** Publishes a copy of a message to the parking queue with the reason, and waits for the broker's confirm. */
    public void park(byte[] body, Map<String, Object> headers, String routingKey, String contentType, String messageId,
            String reason) {
        Map<String, Object> parkedHeaders = new HashMap<>(headers == null ? Map.of() : headers);
        parkedHeaders.remove(DELIVERY_COUNT); // the broker's count of the events queue, not the parking queue's
        parkedHeaders.put(ERROR, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason);
        parkedHeaders.putIfAbsent(ROUTING_KEY, routingKey == null ? "" : routingKey);
        parkedHeaders.put(PARKED_AT, Instant.now().toString());
        parkedHeaders.putIfAbsent(PARKED_ID, messageId != null ? messageId : digest(body));
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(parkedHeaders)
                .contentType(contentType)
                .messageId(messageId)
                .deliveryMode(2)
                .build();
        broker.withChannel(channel -> {
            channel.confirmSelect();
            channel.basicPublish("", parkingQueue, true, properties, body);
            channel.waitForConfirmsOrDie(10_000);
            return null;
        });
    }

    /** Up to {@code limit} parked messages, oldest first; all of them stay parked. */
    public synchronized List<ParkedMessage> list(int limit) {
        return broker.withChannel(channel -> {
            List<ParkedMessage> parked = new ArrayList<>();
            long lastTag = -1;
            for (int i = 0; i < limit; i++) {
                GetResponse response = channel.basicGet(parkingQueue, false);
                if (response == null) {
                    break;
                }
                lastTag = response.getEnvelope().getDeliveryTag();
                parked.add(describe(response));
            }
            if (lastTag >= 0) {
                channel.basicNack(lastTag, true, true);
            }
            return parked;
        });
    }

    /**
     * Moves the parked message with the id back to the events queue (through the default exchange, so that only
     * this service's queue gets it; with partitions through the consistent-hash exchange, which only this service's
     * partition queues are bound to, so that it reaches the partition of its aggregate), counting the replay in
     * {@code x-flowwatch-replays}.
     *
     * @return the message as it was parked; empty if no parked message has the id
     */
    public synchronized Optional<ParkedMessage> replay(String id) {
        return broker.withChannel(channel -> {
            channel.confirmSelect();
            long lastSkipped = -1;
            ParkedMessage found = null;
            try {
                for (int i = 0; i < SCAN_LIMIT; i++) {
                    GetResponse response = channel.basicGet(parkingQueue, false);
                    if (response == null) {
                        break;
                    }
                    ParkedMessage parked = describe(response);
                    if (!parked.id().equals(id)) {
                        lastSkipped = response.getEnvelope().getDeliveryTag();
                        continue;
                    }
                    republish(channel, response, parked);
                    channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                    found = parked;
                    break;
                }
            } finally {
                if (lastSkipped >= 0) {
                    channel.basicNack(lastSkipped, true, true);
                }
            }
            return Optional.ofNullable(found);
        });
    }

    private void republish(Channel channel, GetResponse response, ParkedMessage parked)
            throws IOException, InterruptedException, TimeoutException {
        AMQP.BasicProperties original = response.getProps();
        Map<String, Object> headers = new HashMap<>(original.getHeaders() == null ? Map.of() : original.getHeaders());
        headers.remove(ERROR);
        headers.remove(PARKED_AT);
        headers.remove(DELIVERY_COUNT);
        headers.remove("x-death");
        headers.remove("x-first-death-exchange");
        headers.remove("x-first-death-queue");
        headers.remove("x-first-death-reason");
        headers.put(PARKED_ID, parked.id());
        headers.put(ROUTING_KEY, parked.routingKey());
        headers.put(REPLAYS, parked.replays() + 1);
        AMQP.BasicProperties properties = original.builder().headers(headers).deliveryMode(2).build();
        if (partitions.partitions() > 1) {
            channel.basicPublish(Topology.ANALYTICS_PARTITION_EXCHANGE, parked.routingKey(), true, properties,
                    response.getBody());
        } else {
            channel.basicPublish("", queue, true, properties, response.getBody());
        }
        channel.waitForConfirmsOrDie(10_000);
    }

    /**
     * Ready messages and consumers of the events queue (summed over the partition queues; with single active
     * consumers the standbys count too), and messages in the parking queue.
     */
    public QueueDepths depths() {
        return broker.withChannel(channel -> {
            long ready = 0;
            int consumers = 0;
            for (String partition : partitions.partitions() > 1 ? partitions.queues() : List.of(queue)) {
                var main = channel.queueDeclarePassive(partition);
                ready += main.getMessageCount();
                consumers += main.getConsumerCount();
            }
            var parked = channel.queueDeclarePassive(parkingQueue);
            return new QueueDepths(ready, consumers, parked.getMessageCount());
        });
    }

    /** Queue depths, as {@code queue.declare(passive)} reports them (ready messages, not unacknowledged ones). */
    public record QueueDepths(long ready, int consumers, long parked) {}

    private ParkedMessage describe(GetResponse response) {
        AMQP.BasicProperties properties = response.getProps();
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        String id = text(headers.get(PARKED_ID));
        if (id == null) {
            id = properties.getMessageId() != null ? properties.getMessageId() : digest(response.getBody());
        }
        String reason = text(headers.get(ERROR));
        String routingKey = text(headers.get(ROUTING_KEY));
        Map<?, ?> death = firstDeath(headers);
        if (reason == null) {
            Object deathReason = death != null ? death.get("reason") : headers.get("x-first-death-reason");
            reason = "dead-lettered by the broker: " + (deathReason == null ? "unknown" : text(deathReason));
        }
        if (routingKey == null && death != null && death.get("routing-keys") instanceof List<?> keys && !keys.isEmpty()) {
            routingKey = text(keys.getFirst());
        }
        if (routingKey == null) {
            routingKey = response.getEnvelope().getRoutingKey();
        }
        String parkedAt = text(headers.get(PARKED_AT));
        Object replays = headers.get(REPLAYS);
        return new ParkedMessage(id, routingKey, reason, parkedAt == null ? null : Instant.parse(parkedAt),
                replays instanceof Number number ? number.intValue() : 0, properties.getContentType(),
                new String(response.getBody(), StandardCharsets.UTF_8));
    }

    private static Map<?, ?> firstDeath(Map<String, Object> headers) {
        return headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.getFirst() instanceof Map<?, ?> death ? death : null;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LongString longString) {
            return new String(longString.getBytes(), StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
