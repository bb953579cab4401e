package io.flowwatch.gateway.rest;

import io.flowwatch.gateway.client.Backend;
import io.flowwatch.gateway.client.BackendClient;
import io.flowwatch.gateway.service.ReplayScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Rebuilding aggregates from the raw log, which spans two backends. (Its own class path, so that it wins over the
 * proxy's {@code /api/v1/{path}}: JAX-RS picks the class path with the most literal characters.)
 */
@Path("/api/v1/replay")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {

    private final BackendClient backends;

    public ReplayResource(BackendClient backends) {
        this.backends = backends;
    }

    /** Clears analytics' aggregates, then has ingest re-publish its raw event log (all or a range). */
    @POST
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

}
