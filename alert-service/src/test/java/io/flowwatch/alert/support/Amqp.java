package io.flowwatch.alert.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.Topology;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** A plain AMQP client on the test vhost: publishes what analytics would, and listens to what alert-service sends. */
public final class Amqp implements AutoCloseable {

    public static final String VHOST = "flowwatch-test-alert";

    private final Connection connection;
    private final Channel channel;

    private Amqp(Connection connection) throws IOException {
        this.connection = connection;
        this.channel = connection.createChannel();
        channel.confirmSelect();
    }

    public static Amqp connect() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env("FLOWWATCH_AMQP_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(env("FLOWWATCH_AMQP_PORT", "36672")));
        factory.setUsername("flowwatch");
        factory.setPassword(env("FLOWWATCH_AMQP_PASSWORD", "flowwatch"));
        factory.setVirtualHost(VHOST);
        try {
            return new Amqp(factory.newConnection("alert-service-test"));
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ is not reachable for the tests", e);
        }
    }

    /** Publishes events on flowwatch.metrics (persistent) and waits for the broker's confirms. */
    public void publishMetrics(List<? extends Event<?>> events) {
        try {
            channel.exchangeDeclare(Topology.METRICS_EXCHANGE, "topic", true);
            for (Event<?> event : events) {
                channel.basicPublish(Topology.METRICS_EXCHANGE, event.routingKey(), properties(event.id().toString()),
                        EventCodec.encode(event));
            }
            channel.waitForConfirmsOrDie(30_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    /** Publishes any body (e.g. a malformed one) on flowwatch.metrics. */
    public void publishRaw(String routingKey, byte[] body) {
        try {
            channel.basicPublish(Topology.METRICS_EXCHANGE, routingKey, properties(null), body);
            channel.waitForConfirmsOrDie(30_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    /** A server-named, exclusive queue bound to an exchange, to see what is published there. */
    public String listen(String exchange, String bindingKey) {
        try {
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, bindingKey);
            return queue;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes every message waiting in the queue. */
    public List<byte[]> drain(String queue) {
        List<byte[]> bodies = new ArrayList<>();
        try {
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                bodies.add(response.getBody());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bodies;
    }

    /** Deletes a queue if it exists (a fresh topology for a test run). */
    public void deleteQueue(String queue) {
        try (Channel scratch = connection.createChannel()) {
            scratch.queueDelete(queue);
        } catch (IOException | TimeoutException e) {
            // absent already: nothing to delete
        }
    }

    public long messageCount(String queue) {
        try (Channel scratch = connection.createChannel()) {
            return scratch.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | TimeoutException e) {
            return -1;
        }
    }

    private static AMQP.BasicProperties properties(String messageId) {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(messageId)
                .build();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
