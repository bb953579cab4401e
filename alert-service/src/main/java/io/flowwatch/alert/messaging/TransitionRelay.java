package io.flowwatch.alert.messaging;

import io.flowwatch.alert.config.AlertConfig;
import io.flowwatch.alert.repository.TransitionOutboxRepository;
import io.flowwatch.alert.repository.TransitionOutboxRepository.PendingEvent;
import io.flowwatch.alert.service.OutboxSignal;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes the transition outbox on flowwatch.alerts ({@code Event<AlertTransition>}, routing key
 * {@code alert.<state>.<rule>}) and marks a batch published only after the broker confirmed every message of it. A
 * crash between confirm and commit publishes again: consumers de-duplicate on the event id (the transition's).
 */
@ApplicationScoped
public class TransitionRelay {

    private static final Logger LOG = Logger.getLogger(TransitionRelay.class);
    private static final java.time.Duration PUBLISH_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;
    private final TransitionOutboxRepository outbox;
    private final Vertx vertx;
    private final AlertConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile long timerId = -1;

    public TransitionRelay(@Channel("alerts-out") MutinyEmitter<String> emitter, TransitionOutboxRepository outbox,
            Vertx vertx, AlertConfig config) {
        this.emitter = emitter;
        this.outbox = outbox;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(Math.max(10, config.relay().pollInterval().toMillis()), id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    void onSignal(@Observes OutboxSignal signal) {
        if (signal.transitions()) {
            tick();
        }
    }

    public void tick() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        int batch = config.relay().batchSize();
        outbox.publishBatch(batch, this::publish).subscribe().with(published -> {
            running.set(false);
            if (again.getAndSet(false) || published == batch) {
                tick();
            }
        }, failure -> {
            LOG.debugf(failure, "publishing transitions failed; the next tick tries again");
            running.set(false);
        });
    }

    /** Sends every event and completes with their ids once the broker confirmed all of them. */
    private Uni<List<UUID>> publish(List<PendingEvent> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndMerge(event -> emitter.sendMessage(Message.of(event.payload())
                                .addMetadata(OutgoingRabbitMQMetadata.builder()
                                        .withRoutingKey(event.routingKey())
                                        .withContentType("application/json")
                                        .withMessageId(event.id().toString())
                                        .withDeliveryMode(2)
                                        .build()))
                        .replaceWith(event.id()))
                .collect().asList()
                // while the broker is away the channel buffers; give the locked batch back rather than wait
                .ifNoItem().after(PUBLISH_TIMEOUT).fail();
    }
}
