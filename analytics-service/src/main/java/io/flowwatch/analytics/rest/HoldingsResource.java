package io.flowwatch.analytics.rest;

import io.flowwatch.analytics.service.BadParameterException;
import io.flowwatch.analytics.service.HoldingsQueryService;
import io.flowwatch.analytics.service.HoldingsShareView;
import io.flowwatch.analytics.service.HoldingsShares;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** Holdings of an asset class as a share of the asset's market cap. */
@Path("/api/v1/holdings")
@Produces(MediaType.APPLICATION_JSON)
public class HoldingsResource {

    private final HoldingsQueryService holdings;

    public HoldingsResource(HoldingsQueryService holdings) {
        this.holdings = holdings;
    }

    @GET
    @Path("/share")
    @Operation(summary = "Total net assets ÷ the market cap in force at the close of the date, in percent")
    public Uni<HoldingsShareView> share(@RestQuery String scope, @RestQuery String date) {
        String value = Params.required("scope", scope);
        if (!HoldingsShares.isAssetClass(value)) {
            throw new BadParameterException("scope", scope, "scope must be an asset class like us-spot-etf:BTC");
        }
        return holdings.share(value, Params.date("date", date));
    }
}
