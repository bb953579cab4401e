package io.flowwatch.alert.messaging;

import io.flowwatch.alert.config.AlertConfig;
import io.flowwatch.alert.service.EvaluationService;
import io.flowwatch.alert.service.MetricMessages;
import io.flowwatch.alert.service.ParkedService;
import io.flowwatch.alert.service.UnprocessableMessageException;
import io.flowwatch.events.service.DatabaseOutage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code Event<MetricUpdate>} from the alert service's queue and evaluates them in order, in batches: while
 * one batch is being evaluated the messages that arrive queue up (as many as the prefetch allows) and become the next
 * batch, one transaction for all of them. So a lone message goes through at once and a burst goes through fast.
 * Every message is acknowledged only after the transaction that evaluated it committed.
 *
 * <p>While PostgreSQL cannot be reached, a batch is evaluated again in place after a growing wait (its messages stay
 * unacknowledged). If a batch fails otherwise, its messages are evaluated one by one, each tried a few times; one
 * that still fails (or does not decode at all) is rejected into the parking queue, with its reason kept for the API.
 */
@ApplicationScoped
public class MetricConsumer {

    private static final Logger LOG = Logger.getLogger(MetricConsumer.class);

    private final EvaluationService evaluation;
    private final ParkedService parked;
    private final AlertConfig config;

    /** Decoded messages waiting for the next batch; guarded by {@code this}. */
    private final Deque<Pending> waiting = new ArrayDeque<>();
    /** Whether a batch is being evaluated; guarded by {@code this}. */
    private boolean evaluating;

    public MetricConsumer(EvaluationService evaluation, ParkedService parked, AlertConfig config) {
        this.evaluation = evaluation;
        this.parked = parked;
        this.config = config;
    }

    /** A decoded message waiting to be evaluated. */
    private record Pending(Message<?> message, byte[] body, String routingKey, MetricMessages.Decoded decoded) {}

    /**
     * Takes a message into the next batch and returns at once, so the connector hands over the next one (up to its
     * prefetch of unacknowledged messages); the acknowledgement follows when the batch commits.
     */
    @Incoming("metrics-in")
    public Uni<Void> consume(Message<byte[]> message) {
        byte[] body = Payloads.bytes(message.getPayload());
        String routingKey = message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(IncomingRabbitMQMetadata::getRoutingKey).orElse(null);
        MetricMessages.Decoded decoded;
        try {
            decoded = MetricMessages.decode(body);
        } catch (UnprocessableMessageException e) {
            park(new Pending(message, body, routingKey, null), e).subscribe().with(ignored -> { }, failure -> { });
            return Uni.createFrom().voidItem();
        }
        boolean start;
        synchronized (this) {
            waiting.add(new Pending(message, body, routingKey, decoded));
            start = !evaluating;
            evaluating = true;
        }
        if (start) {
            next();
        }
        return Uni.createFrom().voidItem();
    }

    /** Evaluates what is waiting as one batch, then the next, until nothing waits. */
    private void next() {
        List<Pending> batch = new ArrayList<>();
        synchronized (this) {
            int max = Math.max(1, config.consumer().batchSize());
            while (!waiting.isEmpty() && batch.size() < max) {
                batch.add(waiting.poll());
            }
            if (batch.isEmpty()) {
                evaluating = false;
                return;
            }
        }
        long started = System.nanoTime();
        evaluateThroughOutages(batch.stream().map(Pending::decoded).toList(), 0)
                .invoke(outcome -> LOG.debugf("evaluated %d metric updates in %d ms: %s", batch.size(),
                        (System.nanoTime() - started) / 1_000_000, outcome))
                .chain(outcome -> ackAll(batch))
                .onFailure().recoverWithUni(failure -> {
                    LOG.debugf(failure, "a batch of %d failed; evaluating its messages one by one", batch.size());
                    return Multi.createFrom().iterable(batch)
                            .onItem().transformToUniAndConcatenate(this::alone)
                            .collect().last().replaceWithVoid();
                })
                .subscribe().with(ignored -> next(), failure -> {
                    LOG.error("metric consumer failed unexpectedly; continuing with the next batch", failure);
                    next();
                });
    }

    /** One message on its own, tried a few times (e.g. while PostgreSQL is briefly away), else parked. */
    private Uni<Void> alone(Pending pending) {
        int attempts = Math.max(1, config.consumer().attempts());
        return evaluateThroughOutages(List.of(pending.decoded()), 0)
                .onFailure().retry().withBackOff(config.consumer().backoff()).atMost(attempts - 1)
                .chain(outcome -> fromStage(pending.message().ack()))
                .onFailure().recoverWithUni(failure -> park(pending, failure));
    }

    /**
     * Evaluates, and while the database cannot be reached at all evaluates the same messages again after a growing
     * wait: they stay unacknowledged meanwhile, so an outage neither uses up their attempts nor parks them.
     */
    private Uni<EvaluationService.Outcome> evaluateThroughOutages(List<MetricMessages.Decoded> items, int outage) {
        return evaluation.evaluateAll(items).onFailure(DatabaseOutage::isOutage).recoverWithUni(failure -> {
            Duration wait = DatabaseOutage.backoff(outage);
            LOG.warnf("the database is not available (%s); evaluating %d metric updates again in %s", failure,
                    items.size(), wait);
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                    .chain(() -> evaluateThroughOutages(items, outage + 1));
        });
    }

    /** Acknowledges a committed batch; the acks go out together (their order does not matter). */
    private Uni<Void> ackAll(List<Pending> batch) {
        return Uni.join().all(batch.stream().map(p -> fromStage(p.message().ack())).toList())
                .andCollectFailures().replaceWithVoid();
    }

    /** Keeps the reason, then rejects the message: the broker moves it to the parking queue. */
    private Uni<Void> park(Pending pending, Throwable failure) {
        LOG.warnf("parking a metric message (%s): %s", pending.routingKey(), failure.getMessage());
        return parked.recordFailure(pending.body(), pending.routingKey(), failure)
                .onFailure().recoverWithNull() // PostgreSQL may be what failed; the parking queue still has the message
                .chain(() -> fromStage(pending.message().nack(failure)));
    }

    private static Uni<Void> fromStage(CompletionStage<Void> stage) {
        return Uni.createFrom().completionStage(stage);
    }
}
