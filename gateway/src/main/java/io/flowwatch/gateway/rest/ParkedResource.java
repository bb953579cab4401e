package io.flowwatch.gateway.rest;

import io.flowwatch.gateway.client.Backend;
import io.flowwatch.gateway.client.BackendClient;
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

/** Parked (dead-lettered) messages of analytics and parked deliveries of the alert service, listed and replayed. */
@Path("/api/v1/parked")
@Produces(MediaType.APPLICATION_JSON)
public class ParkedResource {

    private final BackendClient backends;

    public ParkedResource(BackendClient backends) {
        this.backends = backends;
    }

    /** Parked (dead-lettered) messages of analytics and parked deliveries of the alert service. */
    @GET
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
    @Path("{id}/replay")
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
