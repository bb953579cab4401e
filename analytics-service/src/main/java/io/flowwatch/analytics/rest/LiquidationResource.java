package io.flowwatch.analytics.rest;

import io.flowwatch.analytics.service.BadParameterException;
import io.flowwatch.analytics.service.LiquidationQueryService;
import io.flowwatch.analytics.service.LiquidationViews;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** Liquidation totals of a venue and liquidated side over a sliding window. */
@Path("/api/v1/liquidations")
@Produces(MediaType.APPLICATION_JSON)
public class LiquidationResource {

    private final LiquidationQueryService liquidations;

    public LiquidationResource(LiquidationQueryService liquidations) {
        this.liquidations = liquidations;
    }

    @GET
    @Path("/window")
    @Operation(summary = "The total over the window ending at 'at', or the largest window of the UTC day 'date'")
    public Uni<LiquidationViews.Window> window(
            @RestQuery String venue, @RestQuery String side, @RestQuery String window, @RestQuery String at,
            @RestQuery String date) {
        String venueName = Params.code("venue", Params.required("venue", venue));
        String sideName = Params.side("side", side);
        Duration length = Params.window("window", window);
        Instant end = Params.instant("at", at);
        LocalDate day = Params.date("date", date);
        if ((end == null) == (day == null)) {
            throw new BadParameterException(end == null ? "at" : "date", end == null ? at : date,
                    "give either at (an instant) or date (a UTC day), not both or neither");
        }
        return end != null
                ? liquidations.endingAt(venueName, sideName, length, end)
                : liquidations.largestOn(venueName, sideName, length, day);
    }
}
