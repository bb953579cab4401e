package io.flowwatch.analytics.rest;

import io.flowwatch.analytics.service.MetricQueryService;
import io.flowwatch.analytics.service.MetricView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** The metric updates published last (newest first), for the gateway and the dashboard. */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricResource {

    private final MetricQueryService metrics;

    public MetricResource(MetricQueryService metrics) {
        this.metrics = metrics;
    }

    @GET
    @Operation(summary = "The last published metric updates, optionally of one metric and/or scope")
    public Uni<List<MetricView>> recent(@RestQuery String metric, @RestQuery String scope, @RestQuery String limit) {
        return metrics.recent(Params.optional(metric), Params.optional(scope), Params.limit("limit", limit, 100, 1000));
    }
}
