package io.flowwatch.analytics.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.flowwatch.analytics.config.AnalyticsConfig;
import io.flowwatch.analytics.config.PartitionChannels;
import io.flowwatch.events.PartitionedChannel;
import io.flowwatch.events.Topology;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * What the connector cannot declare for partitions: the exchange-to-exchange binding from the events exchange to the
 * consistent-hash exchange (with N &gt; 1), and the retirement of queues that the current N no longer uses. When N
 * changes, the queues that fall out of use (the single queue when going to N &gt; 1, partitions ≥ N, or every
 * partition when going back to 1) are unbound first, so that they stop filling, then their messages are moved to
 * where the current N routes them, and an empty, unused queue is deleted. Order across such a switch is not
 * kept; analytics does not need it (facts have natural keys, redelivery and reordering end the same).
 *
 * <p>Runs in the background after start-up and retries until the broker answers.
 */
@ApplicationScoped
public class PartitionTopology {

    private static final Logger LOG = Logger.getLogger(PartitionTopology.class);
    /** Partition queues beyond this index are not looked for. */
    private static final int MAX_PARTITIONS = 256;

    private final BrokerConnection broker;
    private final int partitions;
    private volatile boolean ready;

    public PartitionTopology(BrokerConnection broker, AnalyticsConfig config) {
        this.broker = broker;
        this.partitions = config.partitions();
    }

    public int partitions() {
        return partitions;
    }

    /** The queues the consumers read: the one queue, or the partition queues. */
    public List<String> queues() {
        if (partitions == 1) {
            return List.of(Topology.ANALYTICS_EVENTS_QUEUE);
        }
        List<String> queues = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            queues.add(Topology.partitionQueue(Topology.ANALYTICS_EVENTS_QUEUE, i));
        }
        return queues;
    }

    /** Whether the bindings are in place and obsolete queues were retired. */
    public boolean ready() {
        return ready;
    }

    void onStart(@Observes StartupEvent started) {
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
        broker.withChannel(channel -> {
            channel.exchangeDeclare(Topology.EVENTS_EXCHANGE, "topic", true);
            if (partitions > 1) {
                channel.exchangeDeclare(Topology.ANALYTICS_PARTITION_EXCHANGE, PartitionedChannel.CONSISTENT_HASH, true,
                        false, PartitionChannels.exchangeArguments());
                channel.exchangeBind(Topology.ANALYTICS_PARTITION_EXCHANGE, Topology.EVENTS_EXCHANGE, Topology.ALL_EVENTS);
            } else if (exists(Topology.ANALYTICS_PARTITION_EXCHANGE, true)) {
                channel.exchangeUnbind(Topology.ANALYTICS_PARTITION_EXCHANGE, Topology.EVENTS_EXCHANGE, Topology.ALL_EVENTS);
            }
            return null;
        });
        if (partitions > 1) {
            retire(Topology.ANALYTICS_EVENTS_QUEUE, Topology.EVENTS_EXCHANGE, Topology.ALL_EVENTS);
        }
        for (int i = partitions == 1 ? 0 : partitions; i < MAX_PARTITIONS; i++) {
            String queue = Topology.partitionQueue(Topology.ANALYTICS_EVENTS_QUEUE, i);
            if (!exists(queue, false)) {
                break;
            }
            retire(queue, Topology.ANALYTICS_PARTITION_EXCHANGE, "1");
        }
    }

    private void retire(String queue, String exchange, String bindingKey) {
        if (!exists(queue, false)) {
            return;
        }
        broker.withChannel(channel -> {
            channel.queueUnbind(queue, exchange, bindingKey);
            return null;
        });
        if (partitions == 1) {
            awaitQueue(Topology.ANALYTICS_EVENTS_QUEUE);
        }
        int moved = broker.withChannel(channel -> move(channel, queue));
        boolean deleted = broker.withChannel(channel -> {
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
                channel.basicPublish(Topology.ANALYTICS_PARTITION_EXCHANGE, routingKey, true, properties, response.getBody());
            } else {
                channel.basicPublish("", Topology.ANALYTICS_EVENTS_QUEUE, true, properties, response.getBody());
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
            return broker.withChannel(channel -> {
                if (exchange) {
                    channel.exchangeDeclarePassive(name);
                } else {
                    channel.queueDeclarePassive(name);
                }
                return true;
            });
        } catch (BrokerConnection.BrokerException e) {
            // NOT_FOUND closes the channel (a soft error); anything else (no connection) is not an answer.
            if (e.getCause() instanceof IOException io && io.getCause() instanceof ShutdownSignalException signal
                    && !signal.isHardError()) {
                return false;
            }
            throw e;
        }
    }
}
