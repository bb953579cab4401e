package io.flowwatch.analytics.rest;

import io.flowwatch.analytics.service.QuoteQueryService;
import io.flowwatch.analytics.service.QuoteViews;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** Quote changes over windows and latest quotes. */
@Path("/api/v1/quotes")
@Produces(MediaType.APPLICATION_JSON)
public class QuoteResource {

    private final QuoteQueryService quotes;

    public QuoteResource(QuoteQueryService quotes) {
        this.quotes = quotes;
    }

    @GET
    @Path("/change")
    @Operation(summary = "Percent change over a window (1h, 24h, 7d, …) ending at an instant (default: the latest quote)")
    public Uni<QuoteViews.Change> change(@RestQuery String instrument, @RestQuery String window, @RestQuery String at) {
        return quotes.change(Params.code("instrument", Params.required("instrument", instrument)),
                Params.window("window", window),
                Params.instant("at", at));
    }

    @GET
    @Path("/latest")
    @Operation(summary = "The latest quote of an instrument, or of every instrument")
    public Uni<List<QuoteViews.Latest>> latest(@RestQuery String instrument) {
        return quotes.latest(Params.optional(instrument));
    }
}
