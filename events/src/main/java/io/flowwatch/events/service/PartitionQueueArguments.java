package io.flowwatch.events.service;

import io.flowwatch.events.PartitionedChannel;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The partition queues' extra arguments ({@link PartitionedChannel#queueArguments()}) as the SmallRye RabbitMQ
 * connector looks them up: a map bean named by the channel's {@code queue.arguments}. A name of its own, so that
 * no other channel (e.g. a parking queue's consumer) picks them up.
 */
public class PartitionQueueArguments {

    @Produces
    @Singleton
    @Identifier(PartitionedChannel.QUEUE_ARGUMENTS)
    Map<String, Object> partitionQueueArguments() {
        return PartitionedChannel.queueArguments();
    }
}
