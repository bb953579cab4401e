package io.flowwatch.analytics.messaging;

import io.flowwatch.analytics.config.AnalyticsConfig;
import io.flowwatch.analytics.service.OutboxService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Drives the outbox relay: after every committed batch ({@link #nudge()}) and on a timer. Up to {@code outbox.rounds}
 * rounds at a time per instance, each in its own transaction on rows the others have not locked (consumers do not
 * depend on the order of metric updates): while one round awaits the broker's confirms the next already publishes,
 * and updates committed meanwhile do not wait for it. A round publishes until the outbox is empty. While the broker
 * connection is down no round publishes anything (see {@link OutboxService#relayBatch}); the timer's next poll tries
 * again.
 */
@ApplicationScoped
public class MetricRelay {

    private static final Logger LOG = Logger.getLogger(MetricRelay.class);

    private final OutboxService outbox;
    private final VertxContexts contexts;
    private final ConsumerMetrics metrics;
    private final int batchSize;
    private final int maxRounds;
    private final AtomicInteger rounds = new AtomicInteger();
    private final AtomicBoolean wanted = new AtomicBoolean();

    public MetricRelay(OutboxService outbox, VertxContexts contexts, AnalyticsConfig config, ConsumerMetrics metrics) {
        this.metrics = metrics;
        this.outbox = outbox;
        this.contexts = contexts;
        this.batchSize = config.outbox().batchSize();
        this.maxRounds = Math.max(1, config.outbox().rounds());
    }

    @Scheduled(every = "${flowwatch.analytics.outbox.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        nudge();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cleanUp() {
        contexts.onNewContext(outbox::deleteOldSent).subscribe().with(
                deleted -> LOG.debugf("deleted %d old sent metric updates", deleted),
                failure -> LOG.warn("could not delete old sent metric updates", failure));
    }

    /** Asks for a relay round; returns at once. */
    public void nudge() {
        wanted.set(true);
        startRound();
    }

    /** Starts a round unless as many as allowed are running already. */
    private void startRound() {
        int running;
        do {
            running = rounds.get();
            if (running >= maxRounds) {
                return;
            }
        } while (!rounds.compareAndSet(running, running + 1));
        round();
    }

    private void round() {
        wanted.set(false);
        drain().subscribe().with(published -> finished(), failure -> {
            if (failure instanceof OutboxService.BrokerDownException) {
                // Nothing was handed to the connector; the next poll tries again.
                LOG.debug("metric relay waits for the broker connection");
            } else {
                LOG.warnf("metric relay round failed, retrying on the next poll: %s", failure.toString());
            }
            rounds.decrementAndGet();
        });
    }

    private Uni<Integer> drain() {
        long started = System.nanoTime();
        return contexts.onNewContext(() -> outbox.relayBatch(batchSize))
                .invoke(metrics::published)
                .invoke(published -> LOG.debugf("published %d metric updates in %d ms", (Object) published,
                        (System.nanoTime() - started) / 1_000_000))
                .chain(published -> published >= batchSize ? drain().map(more -> published + more)
                        : Uni.createFrom().item(published));
    }

    private void finished() {
        rounds.decrementAndGet();
        if (wanted.get()) {
            startRound();
        }
    }
}
