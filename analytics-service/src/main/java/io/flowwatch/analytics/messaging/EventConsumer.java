package io.flowwatch.analytics.messaging;

import io.flowwatch.analytics.config.AnalyticsConfig;
import io.flowwatch.analytics.service.AggregateService;
import io.flowwatch.analytics.service.PermanentEventException;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.EventFormatException;
import io.flowwatch.events.EventType;
import io.flowwatch.events.service.DatabaseOutage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Consumes the events queue in batches ({@link MessageBatcher}: up to {@code batch-size} messages, closed after
 * {@code batch-wait}, larger when a backlog waits), each applied in ONE transaction and acknowledged only after it
 * committed. When a batch fails, its messages are applied one by one in
 * their own transactions, so that one bad message does not hold up the rest:
 * <ul>
 *   <li>a message that is not a contract event, is of a type analytics does not consume, or can never be applied
 *       ({@link PermanentEventException}, a data error of PostgreSQL) is parked at once with the reason in
 *       {@code x-flowwatch-error} and acknowledged;</li>
 *   <li>while the database cannot be reached at all, the batch is retried in place with a growing wait (its
 *       messages stay unacknowledged, so that an outage neither counts against the delivery limit nor parks
 *       healthy events);</li>
 *   <li>any other failure sends the message back to the queue after a short wait; after {@code delivery-limit}
 *       failures (counted here, not the broker's deliveries, which include returns after a failover) it is parked
 *       with the last reason. If even parking fails the message is rejected and the broker dead-letters it into the
 *       same parking queue.</li>
 * </ul>
 * Batches run one after another, in delivery order. The metric relay is woken after every batch.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final Set<EventType> CONSUMED =
            Set.of(EventType.FUND_FLOW, EventType.HOLDINGS, EventType.QUOTE, EventType.LIQUIDATION);

    private final AggregateService aggregates;
    private final ParkingLot parking;
    private final MetricRelay relay;
    private final VertxContexts contexts;
    private final AnalyticsConfig.Consumer config;
    private final ConsumerMetrics metrics;

    public EventConsumer(AggregateService aggregates, ParkingLot parking, MetricRelay relay, VertxContexts contexts,
            AnalyticsConfig config, ConsumerMetrics metrics) {
        this.metrics = metrics;
        this.aggregates = aggregates;
        this.parking = parking;
        this.relay = relay;
        this.contexts = contexts;
        this.config = config.consumer();
    }

    /** A message and the event it holds. */
    private record Received(Message<byte[]> message, Event<?> event) {}

    /** Failures per event on this instance, while it is retried (see {@link #failures}). */
    private final Map<UUID, Integer> failureCounts = new ConcurrentHashMap<>();
    private static final int MAX_TRACKED_FAILURES = 10_000;

    /** One per consumed queue (partitions give several). */
    private final List<MessageBatcher<Message<byte[]>>> batchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Incoming("events-in")
    public Flow.Subscriber<Message<byte[]>> consume() {
        // acks only on the subscription that delivered (see SubscriptionGuard): one guard per consumed queue
        SubscriptionGuard guard = new SubscriptionGuard();
        MessageBatcher<Message<byte[]>> batcher = new MessageBatcher<>(config.batchSize(), config.batchWait(),
                guard::received, this::handle);
        batchers.add(batcher);
        return batcher;
    }

    /** Why a consumed stream has ended, if one has: nothing more arrives on it until the service restarts. */
    public Optional<String> endedStream() {
        return batchers.stream().map(MessageBatcher::ended).filter(java.util.Objects::nonNull).findFirst();
    }

    Uni<Void> handle(List<Message<byte[]>> messages) {
        List<Received> events = new ArrayList<>(messages.size());
        List<Uni<Void>> parked = new ArrayList<>();
        int redelivered = 0;
        int maxDeliveryCount = 0;
        for (Message<byte[]> message : messages) {
            int deliveryCount = deliveryCount(message);
            if (deliveryCount > 0) {
                redelivered++;
                maxDeliveryCount = Math.max(maxDeliveryCount, deliveryCount);
                metrics.redelivered(deliveryCount);
            }
            try {
                Event<?> event = EventCodec.decode(message.getPayload());
                if (!CONSUMED.contains(event.eventType())) {
                    parked.add(parkAndAck(message, "analytics does not consume events of type " + event.type()));
                } else {
                    events.add(new Received(message, event));
                }
            } catch (EventFormatException e) {
                String at = e.field() == null || e.field().isEmpty() ? "" : " at " + e.field();
                parked.add(parkAndAck(message, "not a valid contract event" + at + ": " + e.getMessage()));
            } catch (RuntimeException e) {
                parked.add(parkAndAck(message, "not a valid contract event: " + e));
            }
        }
        metrics.received(messages.size(), events.stream().<Event<?>>map(Received::event).toList());
        if (redelivered > 0) {
            // Returns after a failover are normal; how often they come back shows how close they get to the limit.
            LOG.infof("%d of a batch of %d messages were delivered before (x-delivery-count up to %d)", redelivered,
                    messages.size(), maxDeliveryCount);
        }
        return sequentially(parked, Function.identity())
                .chain(() -> events.isEmpty() ? Uni.createFrom().voidItem() : applyBatch(events))
                .invoke(relay::nudge)
                .onFailure().recoverWithItem(failure -> {
                    LOG.error("unexpected failure while handling a batch", failure);
                    return null;
                });
    }

    private Uni<Void> applyBatch(List<Received> batch) {
        return applyBatch(batch, 0);
    }

    private Uni<Void> applyBatch(List<Received> batch, int outage) {
        List<Event<?>> events = batch.stream().<Event<?>>map(Received::event).toList();
        long started = System.nanoTime();
        return contexts.onNewContext(() -> aggregates.apply(events)).onItemOrFailure().transformToUni((result, failure) -> {
            if (failure == null) {
                LOG.debugf("applied %d of %d events in %d ms, %d metric updates", result.applied(), result.received(),
                        (System.nanoTime() - started) / 1_000_000, result.metrics());
                if (!failureCounts.isEmpty()) {
                    batch.forEach(received -> failureCounts.remove(received.event().id()));
                }
                return ackAll(batch);
            }
            if (DatabaseOutage.isOutage(failure)) {
                // The messages stay unacknowledged and are retried here: redelivery would count against the
                // delivery limit and park healthy events during a database outage.
                Duration wait = DatabaseOutage.backoff(outage);
                LOG.warnf("the database is not available (%s); retrying a batch of %d events in %s", reason(failure),
                        batch.size(), wait);
                return Uni.createFrom().voidItem().onItem().delayIt().by(wait).chain(() -> applyBatch(batch, outage + 1));
            }
            if (batch.size() == 1) {
                return failed(batch.getFirst(), failure);
            }
            LOG.infof("a batch of %d events failed (%s); applying them one by one", batch.size(), reason(failure));
            return sequentially(batch, received -> applyBatch(List.of(received), outage));
        });
    }

    private Uni<Void> failed(Received received, Throwable failure) {
        String reason = reason(failure);
        if (isPermanent(failure)) {
            return parkAndAck(received.message(), "event " + received.event().id() + " cannot be applied: " + reason);
        }
        int failures = failures(received.event().id());
        if (failures >= config.deliveryLimit()) {
            failureCounts.remove(received.event().id());
            return parkAndAck(received.message(), "event " + received.event().id() + " failed " + failures
                    + " times; last: " + reason);
        }
        MessageMdc.log(received.message(), () -> LOG.warnf("event %s failed (%d of %d), it goes back to the"
                + " queue: %s", received.event().id(), failures, config.deliveryLimit(), reason));
        return Uni.createFrom().voidItem()
                .onItem().delayIt().by(config.retryBackoff().multipliedBy(failures))
                .chain(() -> Uni.createFrom().completionStage(() -> received.message()
                        .nack(failure, Metadata.of(new RabbitMQRejectMetadata(true)))));
    }

    /**
     * Counts a failure of an event on this instance. The broker's {@code x-delivery-count} is no measure of failures:
     * RabbitMQ 3.x counts every return of an unacknowledged message, also those of a consumer whose channel closed
     * (an instance or broker node that died, a rebalance), so after a failover or two an event parked at its first
     * real failure. This count is lost on restart and is per instance; the queue's delivery limit stays the backstop.
     */
    private int failures(UUID eventId) {
        if (failureCounts.size() >= MAX_TRACKED_FAILURES) {
            failureCounts.clear(); // only failing events are here; so many at once means a systemic failure
        }
        return failureCounts.merge(eventId, 1, Integer::sum);
    }

    /** Parks a copy with the reason, then acknowledges the original; if parking fails, rejects it (→ DLX). */
    private Uni<Void> parkAndAck(Message<byte[]> message, String reason) {
        Optional<IncomingRabbitMQMetadata> metadata = message.getMetadata(IncomingRabbitMQMetadata.class);
        Map<String, Object> headers = metadata.map(IncomingRabbitMQMetadata::getHeaders).orElse(Map.of());
        // A replayed message reaches the queue through the default exchange; its first routing key is in a header.
        Object firstRoutingKey = headers.get(ParkingLot.ROUTING_KEY);
        String routingKey = firstRoutingKey != null ? firstRoutingKey.toString()
                : metadata.map(IncomingRabbitMQMetadata::getRoutingKey).orElse(null);
        String contentType = metadata.flatMap(IncomingRabbitMQMetadata::getContentType).orElse(null);
        String messageId = metadata.flatMap(IncomingRabbitMQMetadata::getMessageId).orElse(null);
        MessageMdc.log(message, () -> LOG.warnf("parking a message (routing key %s) in %s: %s", routingKey,
                parking.parkingQueue(), reason));
        return Uni.createFrom().item(() -> {
                    parking.park(message.getPayload(), headers, routingKey, contentType, messageId, reason);
                    return true;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItemOrFailure().transformToUni((ok, failure) -> {
                    if (failure == null) {
                        return ack(message);
                    }
                    LOG.errorf("could not park a message (%s); rejecting it so that the broker dead-letters it",
                            failure.toString());
                    return Uni.createFrom().completionStage(() -> message.nack(new IllegalStateException(reason),
                            Metadata.of(new RabbitMQRejectMetadata(false))));
                });
    }

    /** Acknowledges a whole committed batch; the acks go out together rather than one after the other. */
    private static Uni<Void> ackAll(List<Received> batch) {
        return Uni.join().all(batch.stream().map(received -> ack(received.message())).toList())
                .andCollectFailures()
                .replaceWithVoid();
    }

    private static Uni<Void> ack(Message<byte[]> message) {
        return Uni.createFrom().completionStage(message::ack);
    }

    private static int deliveryCount(Message<byte[]> message) {
        return message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(metadata -> metadata.getHeaders().get(ParkingLot.DELIVERY_COUNT))
                .filter(Number.class::isInstance)
                .map(count -> ((Number) count).intValue())
                .orElse(0);
    }

    /** Failures that no retry can cure. */
    static boolean isPermanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PermanentEventException || cause instanceof EventFormatException) {
                return true;
            }
            // 22xxx data exceptions (e.g. a numeric out of range), 23xxx integrity violations
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof PermanentEventException) && !(cause instanceof PgException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    private static <T> Uni<Void> sequentially(List<T> items, Function<T, Uni<Void>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> step.apply(item).replaceWith(Boolean.TRUE))
                .collect().last()
                .replaceWithVoid();
    }
}
