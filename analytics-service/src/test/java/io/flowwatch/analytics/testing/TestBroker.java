package io.flowwatch.analytics.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventBatch;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.Topology;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The test's own AMQP connection to the test virtual host: publishes contract events to the events exchange as
 * ingest does (persistent, with publisher confirms), and reads what analytics publishes.
 */
public final class TestBroker implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    private TestBroker(Connection connection) throws IOException {
        this.connection = connection;
        this.channel = connection.createChannel();
        channel.confirmSelect();
    }

    public static TestBroker connect() {
        var config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getValue("rabbitmq-host", String.class));
        factory.setPort(config.getValue("rabbitmq-port", Integer.class));
        factory.setUsername(config.getValue("rabbitmq-username", String.class));
        factory.setPassword(config.getValue("rabbitmq-password", String.class));
        factory.setVirtualHost(config.getValue("rabbitmq-virtual-host", String.class));
        try {
            return new TestBroker(factory.newConnection("analytics-test"));
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to the test broker", e);
        }
    }

    public static String eventsQueue() {
        return ConfigProvider.getConfig().getValue("flowwatch.topology.analytics-events-queue", String.class);
    }

    public static String parkingQueue() {
        return ConfigProvider.getConfig().getValue("flowwatch.topology.analytics-events-parked", String.class);
    }

    /** Publishes events in the given order and waits for every confirm. */
    public void publish(Collection<? extends Event<?>> events) {
        try {
            for (Event<?> event : events) {
                channel.basicPublish(Topology.EVENTS_EXCHANGE, event.routingKey(), true, properties(event.id().toString()),
                        EventCodec.encode(event));
            }
            channel.waitForConfirmsOrDie(30_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    public void publish(Event<?> event) {
        publish(List.of(event));
    }

    /**
     * Publishes one message in the CloudEvents JSON batch format, as ingest's relay does, holding the given JSON
     * elements (events or anything else) in order.
     */
    public void publishBatch(String routingKey, List<String> elements) {
        publishBatch(routingKey, null, elements);
    }

    /** The same with a message id (the relay gives a batch its first event's id). */
    public void publishBatch(String routingKey, String messageId, List<String> elements) {
        try {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType(EventBatch.CONTENT_TYPE).deliveryMode(2).messageId(messageId)
                    .headers(Map.of(EventBatch.EVENT_COUNT_HEADER, elements.size())).build();
            channel.basicPublish(Topology.EVENTS_EXCHANGE, routingKey, true, properties,
                    EventBatch.join(elements));
            channel.waitForConfirmsOrDie(30_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    /** Publishes any bytes to the events exchange. */
    public void publishRaw(String routingKey, byte[] body) {
        publishTo(Topology.EVENTS_EXCHANGE, routingKey, body, Map.of());
    }

    /** Publishes bytes to an exchange ("" = straight to the queue named by the routing key) and waits for the confirm. */
    public void publishTo(String exchange, String routingKey, byte[] body, Map<String, Object> headers) {
        try {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/json").deliveryMode(2).headers(headers).build();
            channel.basicPublish(exchange, routingKey, true, properties, body);
            channel.waitForConfirmsOrDie(30_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    private static AMQP.BasicProperties properties(String messageId) {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).messageId(messageId).build();
    }

    public void purge(String queue) {
        try {
            channel.queuePurge(queue);
        } catch (IOException e) {
            throw new IllegalStateException("cannot purge " + queue, e);
        }
    }

    /** Ready messages in a queue. */
    public long depth(String queue) {
        try (Channel passive = connection.createChannel()) {
            return passive.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot read the depth of " + queue, e);
        }
    }

    /**
     * Binds a new exclusive queue to the metrics exchange and collects the bodies of what arrives there.
     *
     * @param bindingKey e.g. {@code metric.flow-daily.#}
     */
    public List<String> subscribeToMetrics(String bindingKey) {
        List<String> received = new CopyOnWriteArrayList<>();
        try {
            Channel consumer = connection.createChannel();
            consumer.exchangeDeclare(Topology.METRICS_EXCHANGE, "topic", true);
            String queue = consumer.queueDeclare("", false, true, true, null).getQueue();
            consumer.queueBind(queue, Topology.METRICS_EXCHANGE, bindingKey);
            DeliverCallback callback = (tag, delivery) -> received.add(new String(delivery.getBody(),
                    java.nio.charset.StandardCharsets.UTF_8));
            consumer.basicConsume(queue, true, callback, tag -> {});
        } catch (IOException e) {
            throw new IllegalStateException("cannot subscribe to metrics", e);
        }
        return received;
    }

    @Override
    public void close() {
        try {
            connection.close(5_000);
        } catch (IOException e) {
            // closing anyway
        }
    }
}
