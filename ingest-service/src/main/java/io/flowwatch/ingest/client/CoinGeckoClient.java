package io.flowwatch.ingest.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** CoinGecko's public API v3 (base URL {@code quarkus.rest-client.coingecko.url}). */
@RegisterRestClient(configKey = "coingecko")
@Path("/api/v3")
@Produces(MediaType.APPLICATION_JSON)
public interface CoinGeckoClient {

    /**
     * {@code /simple/price?ids=bitcoin,ethereum&vs_currencies=usd&include_market_cap=true&include_last_updated_at=true}:
     * {@code {"bitcoin":{"usd":87598.2,"usd_market_cap":1749598848600.5,"last_updated_at":1769716800}, …}}.
     */
    @GET
    @Path("/simple/price")
    Uni<Map<String, Price>> simplePrice(
            @QueryParam("ids") String ids,
            @QueryParam("vs_currencies") String vsCurrencies,
            @QueryParam("include_market_cap") boolean includeMarketCap,
            @QueryParam("include_last_updated_at") boolean includeLastUpdatedAt,
            @HeaderParam("x-cg-demo-api-key") String apiKey);

    /** {@code /global}: {@code {"data":{"total_market_cap":{"usd":2920000000000.0, …}, "updated_at":1769716800, …}}}. */
    @GET
    @Path("/global")
    Uni<Global> global(@HeaderParam("x-cg-demo-api-key") String apiKey);

    /** One coin's answer in US dollars; {@code last_updated_at} in Unix seconds. */
    record Price(
            BigDecimal usd,
            @JsonProperty("usd_market_cap") BigDecimal usdMarketCap,
            @JsonProperty("last_updated_at") Long lastUpdatedAt) {}

    record Global(GlobalData data) {}

    record GlobalData(
            @JsonProperty("total_market_cap") Map<String, BigDecimal> totalMarketCap,
            @JsonProperty("updated_at") Long updatedAt) {}
}
