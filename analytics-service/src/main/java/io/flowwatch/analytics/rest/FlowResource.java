package io.flowwatch.analytics.rest;

import io.flowwatch.analytics.service.FlowQueryService;
import io.flowwatch.analytics.service.FlowViews;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Flow series of an asset class ({@code asset} + {@code kind}, kind {@code us-spot-etf} by default) or of one
 * {@code product}; all sources by priority unless {@code source} is given; as known at {@code asOf} if given.
 */
@Path("/api/v1/flows")
@Produces(MediaType.APPLICATION_JSON)
public class FlowResource {

    private final FlowQueryService flows;

    public FlowResource(FlowQueryService flows) {
        this.flows = flows;
    }

    @GET
    @Path("/daily")
    @Operation(summary = "Daily net flows with week-, month-, year-to-date and cumulative sums")
    public Uni<List<FlowViews.Day>> daily(
            @RestQuery @Parameter(description = "asset, e.g. BTC") String asset,
            @RestQuery @Parameter(description = "product kind, default us-spot-etf") String kind,
            @RestQuery @Parameter(description = "a product ticker instead of an asset class") String product,
            @RestQuery @Parameter(description = "one source only") String source,
            @RestQuery @Parameter(description = "first date, inclusive") String from,
            @RestQuery @Parameter(description = "last date, inclusive") String to,
            @RestQuery @Parameter(description = "only what was known at this instant") String asOf) {
        return flows.daily(Params.flowQuery(asset, kind, product, source, from, to, asOf));
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Every aggregate of one day: windows, streak, record, rank, rolling 5-day sum")
    public Uni<FlowViews.Summary> summary(
            @RestQuery String asset,
            @RestQuery String kind,
            @RestQuery String product,
            @RestQuery String source,
            @RestQuery @Parameter(description = "the date; default the latest") String date,
            @RestQuery String asOf) {
        return flows.summary(Params.flowQuery(asset, kind, product, source, null, null, asOf),
                Params.date("date", date));
    }

    @GET
    @Path("/weekly")
    @Operation(summary = "Sums per Monday–Friday week")
    public Uni<List<FlowViews.Week>> weekly(
            @RestQuery String asset,
            @RestQuery String kind,
            @RestQuery String product,
            @RestQuery String source,
            @RestQuery String from,
            @RestQuery String to,
            @RestQuery String asOf) {
        return flows.weekly(Params.flowQuery(asset, kind, product, source, from, to, asOf));
    }

    @GET
    @Path("/monthly")
    @Operation(summary = "Sums per calendar month")
    public Uni<List<FlowViews.Month>> monthly(
            @RestQuery String asset,
            @RestQuery String kind,
            @RestQuery String product,
            @RestQuery String source,
            @RestQuery String from,
            @RestQuery String to,
            @RestQuery String asOf) {
        return flows.monthly(Params.flowQuery(asset, kind, product, source, from, to, asOf));
    }
}
