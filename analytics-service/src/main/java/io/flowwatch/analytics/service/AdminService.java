package io.flowwatch.analytics.service;

import io.flowwatch.analytics.repository.AdminRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Operations for administrators. */
@ApplicationScoped
public class AdminService {

    private final AdminRepository admin;

    public AdminService(AdminRepository admin) {
        this.admin = admin;
    }

    /** Forgets every fact, processed id and published fingerprint, so that ingest's replay rebuilds everything. */
    @WithTransaction
    public Uni<Void> resetAggregates() {
        return admin.truncateAggregates();
    }
}
