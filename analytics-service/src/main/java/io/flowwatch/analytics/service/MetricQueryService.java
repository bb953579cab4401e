package io.flowwatch.analytics.service;

import io.flowwatch.analytics.repository.MetricOutboxRepository;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.MetricUpdate;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The metric updates published last. */
@ApplicationScoped
public class MetricQueryService {

    private final MetricOutboxRepository outbox;

    public MetricQueryService(MetricOutboxRepository outbox) {
        this.outbox = outbox;
    }

    /** Newest first; {@code metric} and {@code scope} filter when given. */
    @WithSession
    public Uni<List<MetricView>> recent(String metric, String scope, int limit) {
        return outbox.recentlySent(metric, scope, limit).map(rows -> rows.stream().map(row -> {
            MetricUpdate update = (MetricUpdate) EventCodec.decode(row.payload).data();
            return new MetricView(row.eventId, update.metric(), update.scope(), update.date(), update.at(),
                    update.value(), update.context(), row.sentAt);
        }).toList());
    }
}
