package io.flowwatch.analytics.messaging;

import io.flowwatch.analytics.config.AnalyticsConfig;
import io.flowwatch.analytics.service.AggregateService;
import io.flowwatch.analytics.service.PermanentEventException;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventBatch;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Consumes the events queue in batches ({@link MessageBatcher}: up to {@code batch-size} messages, closed after
 * {@code batch-wait}, larger when a backlog waits), each applied in ONE transaction and acknowledged only after it
 * committed. A message holds one event, or several in the CloudEvents JSON batch format ({@link EventBatch}); it is
 * settled once, after all its events. When a batch fails, its events are applied one by one in their own
 * transactions, so that one bad event does not hold up the rest:
 * <ul>
 *   <li>an event that is not a contract event, is of a type analytics does not consume, or can never be applied
 *       ({@link PermanentEventException}, a data error of PostgreSQL) is parked at once with the reason in
 *       {@code x-flowwatch-error} (an event of a batch on its own, as a single event);</li>
 *   <li>while the database cannot be reached at all, the batch is retried in place with a growing wait (its
 *       messages stay unacknowledged, so that an outage neither counts against the delivery limit nor parks
 *       healthy events);</li>
 *   <li>any other failure sends the message back to the queue after a short wait (events of it already applied are
 *       skipped as seen when it comes back); after {@code delivery-limit} failures of an event (counted here, not the
 *       broker's deliveries, which include returns after a failover) the event is parked with the last reason. If
 *       even parking fails the message is rejected and the broker dead-letters it into the same parking queue.</li>
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

    /**
     * A consumed message, which holds one event or (in the JSON batch format) several. It is settled once, after all
     * its events were applied or parked: acknowledged, or returned to the queue when one of them must be retried (its
     * applied events are then skipped as seen), or rejected (→ the parking queue) when parking one of them failed.
     */
    private static final class Delivery {
        final Message<byte[]> message;
        final boolean batch;
        boolean reject;
        Throwable retry;
        Duration retryAfter = Duration.ZERO;

        Delivery(Message<byte[]> message, boolean batch) {
            this.message = message;
            this.batch = batch;
        }

        void retry(Throwable failure, Duration after) {
            retry = failure;
            retryAfter = after.compareTo(retryAfter) > 0 ? after : retryAfter;
        }
    }

    /** An event, the message it came in, and its JSON as sent (what parking it keeps). */
    /** An event to apply; its JSON (to park it, should it fail) is cut out of its message only then. */
    private record Received(Delivery delivery, Event<?> event, Supplier<byte[]> json) {}

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
                guard::received, EventConsumer::eventCount, this::handle);
        batchers.add(batcher);
        return batcher;
    }

    /** Why a consumed stream has ended, if one has: nothing more arrives on it until the service restarts. */
    public Optional<String> endedStream() {
        return batchers.stream().map(MessageBatcher::ended).filter(java.util.Objects::nonNull).findFirst();
    }

    Uni<Void> handle(List<Message<byte[]>> messages) {
        List<Delivery> deliveries = new ArrayList<>(messages.size());
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
            Delivery delivery = new Delivery(message, EventBatch.isBatch(contentType(message)));
            try {
                if (delivery.batch) {
                    for (EventBatch.Element element : EventBatch.split(message.getPayload())) {
                        if (!element.valid()) {
                            parked.add(parkElement(delivery, element.json(), null, invalid(element.error())));
                        } else if (!CONSUMED.contains(element.event().eventType())) {
                            parked.add(parkElement(delivery, element.json(), element.event().id(), notConsumed(element.event())));
                        } else {
                            events.add(new Received(delivery, element.event(), element::json));
                        }
                    }
                    deliveries.add(delivery);
                } else {
                    Event<?> event = EventCodec.decode(message.getPayload());
                    if (!CONSUMED.contains(event.eventType())) {
                        parked.add(parkAndAck(message, notConsumed(event)));
                    } else {
                        events.add(new Received(delivery, event, message::getPayload));
                        deliveries.add(delivery);
                    }
                }
            } catch (EventFormatException e) {
                parked.add(parkAndAck(message, invalid(e)));
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
                .chain(() -> settle(deliveries))
                .invoke(relay::nudge)
                .onFailure().recoverWithItem(failure -> {
                    LOG.error("unexpected failure while handling a batch", failure);
                    return null;
                });
    }

    private static String invalid(EventFormatException e) {
        String at = e.field() == null || e.field().isEmpty() ? "" : " at " + e.field();
        return "not a valid contract event" + at + ": " + e.getMessage();
    }

    private static String notConsumed(Event<?> event) {
        return "analytics does not consume events of type " + event.type();
    }

    private Uni<Void> applyBatch(List<Received> batch) {
        return applyBatch(batch, 0);
    }

    /** Applies the events; what fails is parked or marked for retry on its delivery (settled afterwards). */
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
                return Uni.createFrom().voidItem();
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
        UUID id = received.event().id();
        if (isPermanent(failure)) {
            return parkEvent(received, "event " + id + " cannot be applied: " + reason);
        }
        int failures = failures(id);
        if (failures >= config.deliveryLimit()) {
            failureCounts.remove(id);
            return parkEvent(received, "event " + id + " failed " + failures + " times; last: " + reason);
        }
        MessageMdc.log(received.delivery().message, () -> LOG.warnf("event %s failed (%d of %d), it goes back to the"
                + " queue: %s", id, failures, config.deliveryLimit(), reason));
        received.delivery().retry(failure, config.retryBackoff().multipliedBy(failures));
        return Uni.createFrom().voidItem();
    }

    /** Parks an event that cannot be applied: its message when it came alone, else the event apart from the rest. */
    private Uni<Void> parkEvent(Received received, String reason) {
        Delivery delivery = received.delivery();
        return delivery.batch
                ? parkElement(delivery, received.json().get(), received.event().id(), reason)
                : park(delivery, received.json().get(), false, null, reason);
    }

    /**
     * Parks one event of a batch as a single event: the message's headers, the event's own id (none when it has no
     * valid one, and then the parking lot names it by a digest); the batch goes on.
     */
    private Uni<Void> parkElement(Delivery delivery, byte[] json, UUID eventId, String reason) {
        return park(delivery, json, true, eventId, reason);
    }

    /**
     * Settles each delivery once: rejected when parking one of its events failed (the broker dead-letters it), back to
     * the queue after its wait when one must be retried, else acknowledged (those all together).
     */
    private Uni<Void> settle(List<Delivery> deliveries) {
        List<Uni<Void>> acks = new ArrayList<>(deliveries.size());
        List<Delivery> unsettled = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.reject || delivery.retry != null) {
                unsettled.add(delivery);
            } else {
                acks.add(ack(delivery.message));
            }
        }
        Uni<Void> acked = acks.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(acks).andCollectFailures().replaceWithVoid();
        return acked.chain(() -> sequentially(unsettled, delivery -> {
            if (delivery.reject) {
                return reject(delivery.message, "parking an event of it failed");
            }
            return Uni.createFrom().voidItem()
                    .onItem().delayIt().by(delivery.retryAfter)
                    .chain(() -> Uni.createFrom().completionStage(() -> delivery.message
                            .nack(delivery.retry, Metadata.of(new RabbitMQRejectMetadata(true)))));
        }));
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

    /** Parks a message that holds no event to apply, then acknowledges it; if parking fails, rejects it (→ DLX). */
    private Uni<Void> parkAndAck(Message<byte[]> message, String reason) {
        Delivery delivery = new Delivery(message, false);
        return park(delivery, message.getPayload(), false, null, reason)
                .chain(() -> delivery.reject ? reject(message, reason) : ack(message));
    }

    /**
     * Publishes a copy to the parking queue with the reason: {@code body} under the message's headers and first routing
     * key, with the message's content type and id, or for one {@code element} of a batch as a single event with its
     * own id. When that fails, the delivery is marked to be rejected.
     */
    private Uni<Void> park(Delivery delivery, byte[] body, boolean element, UUID eventId, String reason) {
        Message<byte[]> message = delivery.message;
        Optional<IncomingRabbitMQMetadata> metadata = message.getMetadata(IncomingRabbitMQMetadata.class);
        Map<String, Object> headers = new HashMap<>(metadata.map(IncomingRabbitMQMetadata::getHeaders).orElse(Map.of()));
        if (element) {
            // one event out of a batch: the batch's count and parked id are not its own
            headers.remove(EventBatch.EVENT_COUNT_HEADER);
            headers.remove(ParkingLot.PARKED_ID);
        }
        // A replayed message reaches the queue through the default exchange; its first routing key is in a header.
        Object firstRoutingKey = headers.get(ParkingLot.ROUTING_KEY);
        String routingKey = firstRoutingKey != null ? firstRoutingKey.toString()
                : metadata.map(IncomingRabbitMQMetadata::getRoutingKey).orElse(null);
        String type = element ? Event.CONTENT_TYPE
                : metadata.flatMap(IncomingRabbitMQMetadata::getContentType).orElse(null);
        // never the batch's id (its first event's) for another element of it
        String id = element ? (eventId == null ? null : eventId.toString())
                : metadata.flatMap(IncomingRabbitMQMetadata::getMessageId).orElse(null);
        MessageMdc.log(message, () -> LOG.warnf("parking %s (routing key %s) in %s: %s",
                element ? "an event of a batch" : "a message", routingKey, parking.parkingQueue(), reason));
        return Uni.createFrom().item(() -> {
                    parking.park(body, headers, routingKey, type, id, reason);
                    return true;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf("could not park %s (%s); rejecting its message so that the broker dead-letters it",
                            id == null ? "a message" : id, failure.toString());
                    delivery.reject = true;
                    return false;
                })
                .replaceWithVoid();
    }

    private static Uni<Void> reject(Message<byte[]> message, String reason) {
        return Uni.createFrom().completionStage(() -> message.nack(new IllegalStateException(reason),
                Metadata.of(new RabbitMQRejectMetadata(false))));
    }

    /** How many events a message says it carries (a batch's count header; else 1), to size batches by events. */
    private static int eventCount(Message<byte[]> message) {
        return intHeader(message, EventBatch.EVENT_COUNT_HEADER, 1);
    }

    private static String contentType(Message<byte[]> message) {
        return message.getMetadata(IncomingRabbitMQMetadata.class)
                .flatMap(IncomingRabbitMQMetadata::getContentType).orElse(null);
    }

    private static Uni<Void> ack(Message<byte[]> message) {
        return Uni.createFrom().completionStage(message::ack);
    }

    private static int deliveryCount(Message<byte[]> message) {
        return intHeader(message, ParkingLot.DELIVERY_COUNT, 0);
    }

    private static int intHeader(Message<byte[]> message, String name, int absent) {
        return message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(metadata -> metadata.getHeaders().get(name))
                .filter(Number.class::isInstance)
                .map(count -> ((Number) count).intValue())
                .orElse(absent);
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
