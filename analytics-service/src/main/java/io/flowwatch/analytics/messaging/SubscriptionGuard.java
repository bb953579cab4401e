package io.flowwatch.analytics.messaging;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Keeps the acknowledgement of a message on the subscription that delivered it. One guard per consumed queue (one
 * channel copy). Delivery tags are numbered per AMQP channel, from 1; when the connection drops, the connector
 * (vert.x RabbitMQ client) opens a new channel and consumes again, but it sends every later ack or nack to whatever
 * channel is current. A message of the old subscription, still in a batch, would then acknowledge the new
 * channel's message with the same tag: one that has been delivered but not applied yet, and is lost if this
 * instance stops before applying it (or the tag is unknown, the broker closes the channel, and the next
 * subscription starts over at 1 again). The broker already returned every unacknowledged message of the old
 * subscription to the queue when its channel closed, so such an ack or nack is simply dropped here; the message
 * comes back, and the processed-event ids make applying it twice harmless.
 *
 * <p>A subscription is known by its consumer tag (each {@code basic.consume} gets a new one from the broker): the
 * tag of the latest message received is the current one.
 */
final class SubscriptionGuard {

    private static final Logger LOG = Logger.getLogger(SubscriptionGuard.class);
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private volatile String current;
    private final AtomicLong dropped = new AtomicLong();

    /** The message as received, with its ack and nack sent only while its subscription is the current one. */
    <T> Message<T> received(Message<T> message) {
        return received(message, consumerTag(message));
    }

    <T> Message<T> received(Message<T> message, String consumerTag) {
        if (consumerTag == null) {
            return message;
        }
        current = consumerTag;
        return message
                .withAckWithMetadata(metadata -> isCurrent(consumerTag) ? message.ack(metadata) : drop(consumerTag))
                .withNackWithMetadata((failure, metadata) -> isCurrent(consumerTag) ? message.nack(failure, metadata)
                        : drop(consumerTag));
    }

    boolean isCurrent(String consumerTag) {
        return consumerTag.equals(current);
    }

    /** Acks and nacks dropped because their subscription had ended. */
    long dropped() {
        return dropped.get();
    }

    private CompletionStage<Void> drop(String consumerTag) {
        long count = dropped.incrementAndGet();
        if (count == 1 || count % 100 == 0) {
            LOG.infof("not settling a message of the ended subscription %s on the current one (%s): the broker has"
                    + " returned it to the queue already (%d such so far)", consumerTag, current, count);
        }
        return DONE;
    }

    private static String consumerTag(Message<?> message) {
        if (message instanceof IncomingRabbitMQMessage<?> incoming && incoming.getRabbitMQMessage() != null) {
            return incoming.getRabbitMQMessage().consumerTag();
        }
        return null;
    }
}
