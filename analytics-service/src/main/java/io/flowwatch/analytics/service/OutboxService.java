package io.flowwatch.analytics.service;

import io.flowwatch.analytics.config.AnalyticsConfig;
import io.flowwatch.events.messaging.ChannelRestart;
import io.flowwatch.events.messaging.StalledConfirms;
import io.flowwatch.analytics.messaging.MetricSender;
import io.flowwatch.analytics.repository.MetricOutboxRepository;
import io.flowwatch.analytics.repository.PendingMetric;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The outbox relay's transaction: lock the oldest unsent rows ({@code FOR UPDATE SKIP LOCKED}, so that several
 * instances never publish the same row), publish them, wait for every publisher confirm, mark them sent, commit.
 * If the broker does not confirm in time the transaction rolls back and the rows go out on a later run: a metric
 * update is published at least once, never lost.
 */
@ApplicationScoped
public class OutboxService {

    private static final Logger LOG = Logger.getLogger(OutboxService.class);

    private final MetricOutboxRepository outbox;
    private final MetricSender sender;
    private final Duration publishTimeout;
    private final Duration retention;
    /** Confirms that stop arriving on a connected channel: the channel gets a new connection after 2 such rounds. */
    private final StalledConfirms stalledConfirms;

    public OutboxService(MetricOutboxRepository outbox, MetricSender sender, AnalyticsConfig config,
            ChannelRestart channelRestart) {
        this.stalledConfirms = channelRestart.watch(MetricSender.CHANNEL, 2);
        this.outbox = outbox;
        this.sender = sender;
        this.publishTimeout = config.outbox().publishTimeout();
        this.retention = config.outbox().retention();
    }

    /**
     * Publishes up to {@code limit} unsent rows of one partition of the outbox (rows of a series are all in the same
     * one; see {@link MetricOutboxRepository#lockUnsent}), in the order they were written, and marks those the broker
     * confirmed as sent; a row without a confirm within the publish timeout (or nacked) stays unsent for a later
     * round, so after a failure it may arrive after a later update of its series (alert-service then skips it as
     * stale).
     *
     * @return how many rows were confirmed
     * @throws BrokerDownException (as the Uni's failure) while the channel's connection is down: nothing is handed
     *     to the connector then, so that no publishes pile up in it to be retried long after the broker is back
     */
    @WithTransaction
    public Uni<Integer> relayBatch(int limit, int partition, int partitions) {
        if (!sender.connected()) {
            return Uni.createFrom().failure(new BrokerDownException());
        }
        // Another instance's round on this partition publishes it meanwhile (two at once could reorder a series).
        return outbox.tryRelayLock(partition)
                .chain(locked -> Boolean.TRUE.equals(locked) ? outbox.lockUnsent(limit, partition, partitions)
                        : Uni.createFrom().item(List.<PendingMetric>of()))
                .chain(this::publish);
    }

    /** Publishes the locked rows and marks those the broker confirmed as sent; answers how many. */
    private Uni<Integer> publish(List<PendingMetric> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // Confirms arrive on the connector's thread; the session must be used on its own context again.
        Context context = Vertx.currentContext();
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUni(row -> sender.send(row)
                        .ifNoItem().after(publishTimeout).fail()
                        .map(confirmed -> Optional.of(row.id()))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.debugf("metric update %s not confirmed: %s", row.id(), failure);
                            return Optional.<Long>empty();
                        }))
                // Every row of the round at once (the batch size bounds it): 256 at a time held the relay to
                // 256 per confirm round trip, ~1,000 updates/s on a busy broker, and a backlog of metric updates
                // then delayed alerts by seconds.
                .merge(rows.size())
                .collect().asList()
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(outcomes -> {
                    List<Long> confirmed = outcomes.stream().flatMap(Optional::stream).toList();
                    if (confirmed.size() < rows.size()) {
                        LOG.warnf("%d of %d metric updates were not confirmed; they go out again on a later round",
                                rows.size() - confirmed.size(), rows.size());
                        stalledConfirms.roundUnconfirmed(sender.connected());
                    } else {
                        stalledConfirms.roundConfirmed();
                    }
                    return confirmed.isEmpty() ? Uni.createFrom().item(0)
                            : outbox.markSent(confirmed).replaceWith(confirmed.size());
                });
    }

    /** Rounds in a row that ended with metric updates unconfirmed although the channel's connection was up. */
    public int unconfirmedRounds() {
        return stalledConfirms.rounds();
    }

    /** The metrics channel has no broker connection at the moment. */
    public static final class BrokerDownException extends RuntimeException {
        BrokerDownException() {
            super("the broker connection is down", null, false, false);
        }
    }

    /** Deletes sent rows older than the retention. */
    @WithTransaction
    public Uni<Long> deleteOldSent() {
        return outbox.deleteSentBefore(Instant.now().minus(retention));
    }

    @WithSession
    public Uni<Long> unsent() {
        return outbox.unsent();
    }

}
