package io.flowwatch.ingest.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<ProductEntity, String> {

    /** Products by asset and/or kind (either may be null for "any"), ordered by ticker. */
    public Uni<List<ProductEntity>> search(String asset, String kind) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (asset != null) {
            where.add("upper(asset) = :asset");
            parameters.and("asset", asset.toUpperCase(java.util.Locale.ROOT));
        }
        if (kind != null) {
            where.add("lower(kind) = :kind");
            parameters.and("kind", kind.toLowerCase(java.util.Locale.ROOT));
        }
        if (where.isEmpty()) {
            return listAll(Sort.by("ticker"));
        }
        return list(String.join(" and ", where), Sort.by("ticker"), parameters);
    }
}
