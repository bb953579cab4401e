package io.flowwatch.analytics.repository;

import io.flowwatch.events.repository.JsonRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** The ids of applied events: the idempotency of the consumer. */
@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, UUID> {

    private static final String MARK = """
            with fresh as (
                insert into processed_event (id)
                select cast(value as uuid) from jsonb_array_elements_text(cast(cast(:ids as text) as jsonb))
                on conflict (id) do nothing
                returning id
            )
            """ + JsonRows.selectJoinedIds("fresh");

    /**
     * Records ids as processed, in the caller's transaction.
     *
     * @return the ids that were not processed before: exactly the events to apply now
     */
    public Uni<Set<UUID>> markProcessed(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return getSession()
                .chain(session -> session.<String>createNativeQuery(MARK)
                        .setParameter("ids", JsonRows.of(ids))
                        .getSingleResult())
                .map(JsonRows::ids);
    }
}
