package io.flowwatch.alert.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class RuleRepository implements PanacheRepositoryBase<RuleEntity, String> {

    public Uni<List<RuleEntity>> listAllById() {
        return list("order by id");
    }
}
