package io.flowwatch.alert.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class ChannelRepository implements PanacheRepositoryBase<ChannelEntity, String> {

    public Uni<List<ChannelEntity>> listAllById() {
        return list("order by id");
    }

    /** The ids among the given ones that exist. */
    public Uni<List<String>> existingIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", List.copyOf(ids)).map(rows -> rows.stream().map(c -> c.id).toList());
    }
}
