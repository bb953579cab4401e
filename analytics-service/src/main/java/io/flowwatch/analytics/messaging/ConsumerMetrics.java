package io.flowwatch.analytics.messaging;

import io.flowwatch.analytics.service.OutboxService;
import io.flowwatch.events.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The consumer's Prometheus metrics (at /q/metrics): events in per type, batch sizes, metric updates out, and the lag
 * (ready messages in the events queue, parked messages, unsent metric updates) sampled every 15 s off the scrape
 * path, because asking the broker and the database takes a round trip each.
 */
@ApplicationScoped
public class ConsumerMetrics {

    private static final Logger LOG = Logger.getLogger(ConsumerMetrics.class);

    private final MeterRegistry registry;
    private final ParkingLot parking;
    private final OutboxService outbox;
    private final VertxContexts contexts;
    private final DistributionSummary batchSize;
    private final Counter published;
    private final AtomicLong queueReady = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();

    public ConsumerMetrics(MeterRegistry registry, ParkingLot parking, OutboxService outbox, VertxContexts contexts) {
        this.registry = registry;
        this.parking = parking;
        this.outbox = outbox;
        this.contexts = contexts;
        this.batchSize = DistributionSummary.builder("flowwatch.analytics.batch.size")
                .description("Messages taken from the events queue in one batch")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(1000.0)
                .register(registry);
        this.published = Counter.builder("flowwatch.analytics.metrics.published")
                .description("Metric updates published to flowwatch.metrics and confirmed by the broker")
                .register(registry);
        Gauge.builder("flowwatch.analytics.queue.ready", queueReady, AtomicLong::get)
                .description("Messages ready in the events queue, not yet delivered to the consumer (consumer lag)")
                .register(registry);
        Gauge.builder("flowwatch.analytics.queue.parked", parked, AtomicLong::get)
                .description("Messages in the events queue's parking queue")
                .register(registry);
        Gauge.builder("flowwatch.analytics.outbox.depth", unsent, AtomicLong::get)
                .description("Metric updates committed but not yet published to flowwatch.metrics")
                .register(registry);
    }

    /** One batch as taken from the queue, and the contract events it held (per type: events in per kind). */
    void received(int messages, List<Event<?>> events) {
        batchSize.record(messages);
        for (Event<?> event : events) {
            registry.counter("flowwatch.analytics.events", "type", event.type()).increment();
        }
    }

    /**
     * Messages that came back (a consumer that failed them, or one whose channel closed before it acknowledged:
     * an instance or broker node that died, a rebalance), by how often they had been delivered before.
     */
    void redelivered(int deliveryCount) {
        registry.counter("flowwatch.analytics.events.redelivered", "deliveries",
                deliveryCount >= 10 ? "10+" : Integer.toString(deliveryCount)).increment();
    }

    /** Metric updates the relay published and the broker confirmed (events out). */
    void published(int updates) {
        if (updates > 0) {
            published.increment(updates);
        }
    }

    @Scheduled(identity = "consumer-metrics", every = "15s", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        try {
            ParkingLot.QueueDepths depths = parking.depths();
            queueReady.set(depths.ready());
            parked.set(depths.parked());
        } catch (RuntimeException e) {
            LOG.debugf("queue depths not sampled: %s", e.toString());
        }
        contexts.onNewContext(outbox::unsent).subscribe().with(unsent::set,
                failure -> LOG.debugf("outbox depth not sampled: %s", failure.toString()));
    }
}
