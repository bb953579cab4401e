package io.flowwatch.analytics.messaging;

import io.flowwatch.analytics.config.AnalyticsConfig;
import io.flowwatch.analytics.service.OutboxService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drives the outbox relay: after every committed batch ({@link #nudge()}) and on a timer. The outbox is split into
 * {@code outbox.rounds} partitions by series (metric and scope), and each partition has at most one round at a time,
 * in its own transaction: while one round awaits the broker's confirms another already publishes, and updates
 * committed meanwhile do not wait for it, yet the updates of one series go out in the order they were written.
 * That order matters: alert-service skips a time-based update older than the last one it saw of its series, so an
 * update overtaken by a later one of the same series would never be evaluated. A round publishes until its
 * partition is empty. While the broker connection is down no round publishes anything (see
 * {@link OutboxService#relayBatch}); the timer's next poll tries again.
 */
@ApplicationScoped
public class MetricRelay {

    private static final Logger LOG = Logger.getLogger(MetricRelay.class);

    private final OutboxService outbox;
    private final VertxContexts contexts;
    private final ConsumerMetrics metrics;
    private final int batchSize;
    private final PartitionRounds rounds;

    public MetricRelay(OutboxService outbox, VertxContexts contexts, AnalyticsConfig config, ConsumerMetrics metrics) {
        this.metrics = metrics;
        this.outbox = outbox;
        this.contexts = contexts;
        this.batchSize = config.outbox().batchSize();
        this.rounds = new PartitionRounds(Math.max(1, config.outbox().rounds()), this::drain, MetricRelay::failed);
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

    /** Asks for a relay round of every partition; returns at once. */
    public void nudge() {
        rounds.requestAll();
    }

    private static void failed(Throwable failure) {
        if (failure instanceof OutboxService.BrokerDownException) {
            // Nothing was handed to the connector; the next poll tries again.
            LOG.debug("metric relay waits for the broker connection");
        } else {
            LOG.warnf("metric relay round failed, retrying on the next poll: %s", failure.toString());
        }
    }

    private Uni<Integer> drain(int partition) {
        long started = System.nanoTime();
        return contexts.onNewContext(() -> outbox.relayBatch(batchSize, partition, rounds.partitions()))
                .invoke(metrics::published)
                .invoke(published -> LOG.debugf("published %d metric updates in %d ms", (Object) published,
                        (System.nanoTime() - started) / 1_000_000))
                .chain(published -> published >= batchSize ? drain(partition).map(more -> published + more)
                        : Uni.createFrom().item(published));
    }
}
