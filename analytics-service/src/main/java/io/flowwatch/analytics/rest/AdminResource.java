package io.flowwatch.analytics.rest;

import io.flowwatch.analytics.service.AdminService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Administration (the gateway allows it to the admin role only). */
@Path("/api/v1/aggregates")
public class AdminResource {

    private final AdminService admin;

    public AdminResource(AdminService admin) {
        this.admin = admin;
    }

    @DELETE
    @Operation(summary = "Forget every fact, processed id and published fingerprint, so that a replay rebuilds them")
    public Uni<Void> reset() {
        return admin.resetAggregates();
    }
}
