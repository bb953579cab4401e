package io.flowwatch.analytics.service;

import io.flowwatch.analytics.config.AnalyticsConfig;
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

/**
 * The outbox relay's transaction: lock the oldest unsent rows ({@code FOR UPDATE SKIP LOCKED}, so that several
 * instances never publish the same row), publish them, wait for every publisher confirm, mark them sent, commit.
 * If the broker does not confirm in time the transaction rolls back and the rows go out on a later run: a metric
 * update is published at least once, never lost.
 */
@ApplicationScoped
public class OutboxService {

    /** Publishes so many at a time. */
    private static final int IN_FLIGHT = 256;

    private final MetricOutboxRepository outbox;
    private final MetricSender sender;
    private final Duration publishTimeout;
    private final Duration retention;

    public OutboxService(MetricOutboxRepository outbox, MetricSender sender, AnalyticsConfig config) {
        this.outbox = outbox;
        this.sender = sender;
        this.publishTimeout = config.outbox().publishTimeout();
        this.retention = config.outbox().retention();
    }

    /** @return how many rows were published */
    @WithTransaction
    public Uni<Integer> relayBatch(int limit) {
        return outbox.lockUnsent(limit).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            // Confirms arrive on the connector's thread; the session must be used on its own context again.
            Context context = Vertx.currentContext();
            return Multi.createFrom().iterable(rows)
                    .onItem().transformToUni(sender::send).merge(IN_FLIGHT)
                    .collect().asList()
                    .ifNoItem().after(publishTimeout).fail()
                    .emitOn(command -> context.runOnContext(ignored -> command.run()))
                    .chain(confirmed -> outbox.markSent(rows.stream().map(PendingMetric::id).toList()))
                    .replaceWith(rows.size());
        });
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
