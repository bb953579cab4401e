package io.flowwatch.gateway.rest;

import io.flowwatch.gateway.client.Backend;
import io.flowwatch.gateway.client.BackendClient;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Rebuilding aggregates from the raw log: spans two backends. Its own class path, because JAX-RS matches the class
 * with the longest literal path first and the catch-all proxy ({@code /api/v1/{path}}) would otherwise take the call.
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
        boolean partial = isPartialReplay(uri, body);
        BackendClient.Call clear = new BackendClient.Call("DELETE", "/api/v1/aggregates", null, call.headers(), null);
        Uni<Response> cleared = partial
                ? Uni.createFrom().item(Response.noContent().build())
                : backends.forward(Backend.ANALYTICS, clear);
        return cleared.flatMap(response -> response.getStatus() >= 300
                ? Uni.createFrom().item(response)
                : backends.forward(Backend.INGEST, new BackendClient.Call("POST", "/api/v1/replay",
                        call.rawQuery(), call.headers(), body)));
    }

    /**
     * A replay limited by any of ingest's filters (from, to, subject, type, in the query or the JSON body) only adds
     * to the aggregates; a full one starts from cleared aggregates. A body that is not JSON counts as partial, so that
     * ingest (which judges the body) answers it and nothing is cleared.
     */
    static boolean isPartialReplay(UriInfo uri, byte[] body) {
        for (String filter : REPLAY_FILTERS) {
            String value = uri.getQueryParameters().getFirst(filter);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        if (body == null || body.length == 0) {
            return false;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode json = io.flowwatch.events.EventCodec.mapper().readTree(body);
            if (json == null || json.isMissingNode()) {
                return false;
            }
            if (!json.isObject()) {
                return true;
            }
            for (String filter : REPLAY_FILTERS) {
                if (json.hasNonNull(filter)) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static final List<String> REPLAY_FILTERS = List.of("from", "to", "subject", "type");

}
