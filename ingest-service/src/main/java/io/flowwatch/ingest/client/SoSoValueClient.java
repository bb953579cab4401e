package io.flowwatch.ingest.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** SoSoValue's open API, ETF data (base URL {@code quarkus.rest-client.sosovalue.url}). */
@RegisterRestClient(configKey = "sosovalue")
@Path("/openapi/v2/etf")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SoSoValueClient {

    /**
     * The daily history of one ETF asset class, e.g. {@code {"type":"us-btc-spot"}} →
     * {@code {"code":0,"msg":"success","data":[{"date":"2024-07-01","totalNetInflow":…,"totalValueTraded":…,
     * "totalNetAssets":…,"cumNetInflow":…}, …]}}.
     */
    @POST
    @Path("/historicalInflowChart")
    Uni<InflowChart> historicalInflowChart(@HeaderParam("x-soso-api-key") String apiKey, InflowChartRequest request);

    record InflowChartRequest(String type) {}

    /** {@code code} 0 means success; anything else is an error described by {@code msg}. */
    record InflowChart(Integer code, String msg, List<Day> data) {}

    record Day(LocalDate date, BigDecimal totalNetInflow, BigDecimal totalValueTraded, BigDecimal totalNetAssets,
            BigDecimal cumNetInflow) {}
}
