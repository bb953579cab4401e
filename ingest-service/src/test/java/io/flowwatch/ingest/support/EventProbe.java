package io.flowwatch.ingest.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventBatch;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A test consumer of {@code flowwatch.events} in the test vhost: a queue bound with the given keys whose
 * messages are kept, decoded, for assertions (auto-ack; nothing is requeued). A message in the batch format gives one
 * {@link Received} per event, each with the message's properties.
 */
public final class EventProbe implements AutoCloseable {

    /** The vhost of ingest's tests (application.properties, %test profile). */
    public static final String TEST_VHOST = "flowwatch-test-ingest";

    /** One message as it arrived. */
    public record Received(String routingKey, AMQP.BasicProperties properties, String body, Event<?> event) {

        public UUID id() {
            return event.id();
        }

        public Object header(String name) {
            Map<String, Object> headers = properties.getHeaders();
            Object value = headers == null ? null : headers.get(name);
            return value == null ? null : value.toString();
        }
    }

    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private final boolean deleteOnClose;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger messages = new AtomicInteger();

    private EventProbe(Connection connection, Channel channel, String queue, boolean deleteOnClose) throws IOException {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
        this.deleteOnClose = deleteOnClose;
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                messages.incrementAndGet();
                if (EventBatch.isBatch(properties.getContentType())) {
                    for (EventBatch.Element element : EventBatch.split(body)) {
                        received.add(new Received(envelope.getRoutingKey(), properties,
                                new String(element.json(), StandardCharsets.UTF_8), element.event()));
                    }
                } else {
                    String text = new String(body, StandardCharsets.UTF_8);
                    received.add(new Received(envelope.getRoutingKey(), properties, text, EventCodec.decode(text)));
                }
            }
        });
    }

    public static ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env("FLOWWATCH_AMQP_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(env("FLOWWATCH_AMQP_PORT", "36672")));
        factory.setUsername("flowwatch");
        factory.setPassword(env("FLOWWATCH_AMQP_PASSWORD", "flowwatch"));
        factory.setVirtualHost(TEST_VHOST);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    /** A private queue (deleted with its connection) bound with {@code bindingKeys}; consuming at once. */
    public static EventProbe open(String... bindingKeys) {
        try {
            Connection connection = factory().newConnection("ingest-test-probe");
            Channel channel = connection.createChannel();
            declareExchange(channel);
            String queue = channel.queueDeclare().getQueue();
            for (String key : bindingKeys) {
                channel.queueBind(queue, Topology.EVENTS_EXCHANGE, key);
            }
            return new EventProbe(connection, channel, queue, false);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot open a probe on the test vhost", e);
        }
    }

    /** A durable queue that outlives connections (e.g. across a broker outage); consume it later with {@link #attach}. */
    public static void declareQueue(String queue, String... bindingKeys) {
        try (Connection connection = factory().newConnection("ingest-test-setup")) {
            Channel channel = connection.createChannel();
            declareExchange(channel);
            channel.queueDeclare(queue, true, false, false, null);
            for (String key : bindingKeys) {
                channel.queueBind(queue, Topology.EVENTS_EXCHANGE, key);
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot declare " + queue, e);
        }
    }

    /** Consumes an existing queue; {@link #close()} deletes it. */
    public static EventProbe attach(String queue) {
        try {
            Connection connection = factory().newConnection("ingest-test-probe");
            return new EventProbe(connection, connection.createChannel(), queue, true);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot attach to " + queue, e);
        }
    }

    /** Deletes a queue (if it exists); for clean-up after a failed test. */
    public static void deleteQueue(String queue) {
        try (Connection connection = factory().newConnection("ingest-test-cleanup")) {
            connection.createChannel().queueDelete(queue);
        } catch (IOException | TimeoutException e) {
            // already gone, or the broker is unreachable: nothing to clean
        }
    }

    private static void declareExchange(Channel channel) throws IOException {
        channel.exchangeDeclare(Topology.EVENTS_EXCHANGE, "topic", true);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> matching(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    public List<Received> withIds(Collection<UUID> ids) {
        Set<UUID> wanted = new HashSet<>(ids);
        return matching(r -> wanted.contains(r.id()));
    }

    public List<Received> fromSource(String source) {
        return matching(r -> Objects.equals(source, r.event().source()));
    }

    /** Events received. */
    public int size() {
        return received.size();
    }

    /** Messages received (a batch counts once). */
    public int messages() {
        return messages.get();
    }

    @Override
    public void close() {
        try {
            if (deleteOnClose && channel.isOpen()) {
                channel.queueDelete(queue);
            }
            connection.close();
        } catch (IOException | RuntimeException e) {
            // the connection may already be gone
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
