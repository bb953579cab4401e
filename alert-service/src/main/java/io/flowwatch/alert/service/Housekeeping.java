package io.flowwatch.alert.service;

import io.flowwatch.alert.config.AlertConfig;
import io.flowwatch.alert.repository.AlertStore;
import io.flowwatch.alert.repository.DeliveryRepository;
import io.flowwatch.alert.repository.TransitionOutboxRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps the outboxes small: published transition events, deliveries that ended (delivered or parked) and the ids
 * of evaluated events, older than {@code flowwatch.alert.retention}, are removed. Transitions and notifications
 * themselves stay.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final DeliveryRepository deliveries;
    private final TransitionOutboxRepository transitions;
    private final AlertStore store;
    private final Pool pool;
    private final AlertConfig config;

    public Housekeeping(DeliveryRepository deliveries, TransitionOutboxRepository transitions, AlertStore store,
            Pool pool, AlertConfig config) {
        this.deliveries = deliveries;
        this.transitions = transitions;
        this.store = store;
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "1h", delay = 5, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        Instant cutoff = Instant.now().minus(config.retention());
        return transitions.prune(cutoff)
                .chain(events -> deliveries.prune(cutoff)
                        .chain(rows -> store.pruneProcessed(pool, cutoff).invoke(ids -> {
                            if (events + rows + ids > 0) {
                                LOG.infof("pruned %d published transition events, %d ended deliveries and %d processed"
                                        + " event ids older than %s", events, rows, ids, cutoff);
                            }
                        })))
                .replaceWithVoid();
    }
}
