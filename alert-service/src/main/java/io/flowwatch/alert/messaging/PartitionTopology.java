package io.flowwatch.alert.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.flowwatch.alert.config.AlertConfig;
import io.flowwatch.events.PartitionedChannel;
import io.flowwatch.events.Topology;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * (The metric-update twin of analytics' PartitionTopology.)
 * What the connector cannot declare for partitions: the exchange-to-exchange binding from the metrics exchange to the
 * consistent-hash exchange (with N &gt; 1), and the retirement of queues that the current N no longer uses. When N
 * changes, the queues that fall out of use (the single queue when going to N &gt; 1, partitions ≥ N, or every
 * partition when going back to 1) are unbound first, so that they stop filling, then their messages are moved to
 * where the current N routes them, and an empty, unused queue is deleted. Order across such a switch is not
 * kept; evaluation runs on metric time and stored series state, and an identical update is a no-op.
 *
 * <p>Runs in the background after start-up and retries until the broker answers.
 */
@ApplicationScoped
public class PartitionTopology {

    private static final Logger LOG = Logger.getLogger(PartitionTopology.class);
    /** Partition queues beyond this index are not looked for. */
    private static final int MAX_PARTITIONS = 256;

    private static final String QUEUE = Topology.ALERT_METRICS_QUEUE;
    private static final String SOURCE = Topology.METRICS_EXCHANGE;
    private static final String HASH = Topology.ALERT_PARTITION_EXCHANGE;

    /** Work on a channel that is closed afterwards. */
    @FunctionalInterface
    interface ChannelWork<T> {
        T apply(Channel channel) throws IOException, InterruptedException, TimeoutException;
    }

    private final ConnectionFactory factory = new ConnectionFactory();
    private final Address[] addresses;
    private final int partitions;
    private Connection connection;
    private volatile boolean ready;

    public PartitionTopology(
            AlertConfig config,
            @ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password,
            @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/") String virtualHost,
            @ConfigProperty(name = "rabbitmq-addresses") Optional<String> addresses) {
        this.partitions = config.partitions();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setConnectionTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(false);
        this.addresses = addresses.filter(list -> !list.isBlank()).map(Address::parseAddresses).orElse(null);
    }

    public int partitions() {
        return partitions;
    }

    /** The queues the consumers read: the one queue, or the partition queues. */
    public List<String> queues() {
        if (partitions == 1) {
            return List.of(QUEUE);
        }
        List<String> queues = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            queues.add(Topology.partitionQueue(QUEUE, i));
        }
        return queues;
    }

    /** Whether the bindings are in place and obsolete queues were retired. */
    public boolean ready() {
        return ready;
    }

    void onStart(@Observes StartupEvent started) {
        if (partitions == 1 && !wasPartitioned()) {
            ready = true; // nothing to do, and no broker connection needed
            return;
        }
        Thread.ofVirtual().name("partition-topology").start(() -> {
            Duration wait = Duration.ofMillis(500);
            while (!ready) {
                try {
                    declare();
                    ready = true;
                } catch (RuntimeException e) {
                    LOG.warnf("partition topology not declared yet (%s); retrying in %s", e.getMessage(), wait);
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : wait.multipliedBy(2);
                }
            }
        });
    }

    /** Idempotent: binds what N needs and retires what it does not. */
    public void declare() {
        withChannel(channel -> {
            channel.exchangeDeclare(SOURCE, "topic", true);
            if (partitions > 1) {
                channel.exchangeDeclare(HASH, PartitionedChannel.CONSISTENT_HASH, true, false, Map.of());
                channel.exchangeBind(HASH, SOURCE, Topology.ALL_EVENTS);
            } else if (exists(HASH, true)) {
                channel.exchangeUnbind(HASH, SOURCE, Topology.ALL_EVENTS);
            }
            return null;
        });
        if (partitions > 1) {
            retire(QUEUE, SOURCE, Topology.ALL_EVENTS);
        }
        for (int i = partitions == 1 ? 0 : partitions; i < MAX_PARTITIONS; i++) {
            String queue = Topology.partitionQueue(QUEUE, i);
            if (!exists(queue, false)) {
                break;
            }
            retire(queue, HASH, "1");
        }
    }

    private void retire(String queue, String exchange, String bindingKey) {
        if (!exists(queue, false)) {
            return;
        }
        withChannel(channel -> {
            channel.queueUnbind(queue, exchange, bindingKey);
            return null;
        });
        if (partitions == 1) {
            awaitQueue(QUEUE);
        }
        int moved = withChannel(channel -> move(channel, queue));
        boolean deleted = withChannel(channel -> {
            try {
                channel.queueDelete(queue, true, true);
                return true;
            } catch (IOException inUseOrNotEmpty) {
                return false;
            }
        });
        LOG.infof("retired queue %s (not used with %d partition(s)): moved %d message(s)%s", queue, partitions, moved,
                deleted ? ", deleted it" : "; it is kept while it has consumers or messages");
    }

    /** Moves every message of an obsolete queue to where the current N routes it, each confirmed before it is acked. */
    private int move(Channel channel, String queue) throws IOException, InterruptedException, TimeoutException {
        channel.confirmSelect();
        int moved = 0;
        for (GetResponse response; (response = channel.basicGet(queue, false)) != null; moved++) {
            AMQP.BasicProperties properties = response.getProps();
            String routingKey = response.getEnvelope().getRoutingKey();
            if (partitions > 1) {
                channel.basicPublish(HASH, routingKey, true, properties, response.getBody());
            } else {
                channel.basicPublish("", QUEUE, true, properties, response.getBody());
            }
            channel.waitForConfirmsOrDie(10_000);
            channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
        }
        return moved;
    }

    private void awaitQueue(String queue) {
        for (int attempt = 0; attempt < 120 && !exists(queue, false); attempt++) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A passive declare on a throwaway channel (a miss closes the channel). */
    private boolean exists(String name, boolean exchange) {
        try {
            return withChannel(channel -> {
                if (exchange) {
                    channel.exchangeDeclarePassive(name);
                } else {
                    channel.queueDeclarePassive(name);
                }
                return true;
            });
        } catch (BrokerException e) {
            // NOT_FOUND closes the channel (a soft error); anything else (no connection) is not an answer.
            if (e.getCause() instanceof IOException io && io.getCause() instanceof ShutdownSignalException signal
                    && !signal.isHardError()) {
                return false;
            }
            throw e;
        }
    }

    /** Whether an earlier run used partitions (then the way back to one queue has work to do). */
    private boolean wasPartitioned() {
        try {
            return exists(HASH, true);
        } catch (RuntimeException e) {
            return true; // cannot tell yet: let the background task find out
        }
    }

    private <T> T withChannel(ChannelWork<T> work) {
        try (Channel channel = connection().createChannel()) {
            return work.apply(channel);
        } catch (IOException | TimeoutException e) {
            throw new BrokerException("RabbitMQ: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted", e);
        }
    }

    private synchronized Connection connection() throws IOException, TimeoutException {
        if (connection == null || !connection.isOpen()) {
            connection = addresses == null ? factory.newConnection("alert-service-topology")
                    : factory.newConnection(addresses, "alert-service-topology");
        }
        return connection;
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null && connection.isOpen()) {
            try {
                connection.close(2_000);
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    static class BrokerException extends RuntimeException {
        BrokerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
