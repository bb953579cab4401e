package io.flowwatch.analytics.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Operations on the whole store. */
@ApplicationScoped
public class AdminRepository {

    /**
     * Empties the facts, the processed ids and the published fingerprints, and forgets the updates already sent
     * (unsent ones still go out), so that a replay of the raw event log rebuilds everything.
     */
    public Uni<Void> truncateAggregates() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("truncate table flow_figure, holdings_figure, quote_point, "
                                + "liquidation, processed_event, published_metric")
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("delete from metric_outbox where sent_at is not null")
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
