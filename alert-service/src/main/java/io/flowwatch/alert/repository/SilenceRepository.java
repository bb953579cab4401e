package io.flowwatch.alert.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class SilenceRepository implements PanacheRepositoryBase<SilenceEntity, String> {

    /** Silences that have not ended by {@code now} (active or still to start), or all of them. */
    public Uni<List<SilenceEntity>> list(boolean includeExpired, Instant now) {
        return includeExpired
                ? list("order by startsAt desc")
                : list("endsAt > ?1 order by startsAt desc", now);
    }
}
