package io.flowwatch.gateway.rest;

import io.flowwatch.gateway.client.Backend;
import io.flowwatch.gateway.client.BackendClient;
import io.flowwatch.gateway.service.ReplayScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Calls that span backends: rebuilding aggregates from the raw log, and parked messages. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    private final BackendClient backends;

    public OperationsResource(BackendClient backends) {
        this.backends = backends;
    }

    /** Clears analytics' aggregates, then has ingest re-publish its raw event log (all or a range). */
    @POST
    @Path("replay")
    @Operation(hidden = true)
    public Uni<Response> replay(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        BackendClient.Call call = ProxyResource.call("POST", uri, headers, body);
        boolean wholeLog = ReplayScope.isWholeLog(uri.getRequestUri().getRawQuery(), body);
        BackendClient.Call clear = new BackendClient.Call("DELETE", "/api/v1/aggregates", null, call.headers(), null);
        Uni<Response> cleared = wholeLog
                ? backends.forward(Backend.ANALYTICS, clear)
                : Uni.createFrom().item(Response.noContent().build());
        return cleared.flatMap(response -> response.getStatus() >= 300
                ? Uni.createFrom().item(response)
                : backends.forward(Backend.INGEST, new BackendClient.Call("POST", "/api/v1/replay",
                        call.rawQuery(), call.headers(), body)));
    }

    /** Parked (dead-lettered) messages of analytics and parked deliveries of the alert service. */
    @GET
    @Path("parked")
    @Operation(hidden = true)
    public Uni<Response> parked(@Context UriInfo uri, @Context HttpHeaders headers) {
        BackendClient.Call call = ProxyResource.call("GET", uri, headers, null);
        return Uni.combine().all()
                .unis(backends.forward(Backend.ANALYTICS, call), backends.forward(Backend.ALERT, call))
                .with((analytics, alert) -> {
                    // a refused parameter (or a failed backend) is the answer, not half of a 200
                    if (analytics.getStatus() >= 400) {
                        return analytics;
                    }
                    if (alert.getStatus() >= 400) {
                        return alert;
                    }
                    return Response.ok(Map.of("analytics", bodyOf(analytics), "alert", bodyOf(alert))).build();
                });
    }

    @POST
    @Path("parked/{id}/replay")
    @Operation(hidden = true)
    public Uni<Response> replayParked(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        BackendClient.Call call = ProxyResource.call("POST", uri, headers, null);
        return backends.forward(Backend.ANALYTICS, call).flatMap(response -> response.getStatus() == 404
                ? backends.forward(Backend.ALERT, call)
                : Uni.createFrom().item(response));
    }

    private static Object bodyOf(Response response) {
        Object entity = response.getEntity();
        String text = entity instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : "null";
        try {
            return io.flowwatch.events.EventCodec.mapper().readTree(text);
        } catch (Exception e) {
            return Map.of("status", response.getStatus());
        }
    }
}
