package io.flowwatch.gateway.rest;

import io.flowwatch.events.Problem;
import io.flowwatch.gateway.client.Backend;
import io.flowwatch.gateway.client.BackendClient;
import io.flowwatch.gateway.service.RequestBodies;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Routes {@code /api/v1/…} to the backend that owns the path (see {@link Backend}); the public operations
 * are documented in {@code META-INF/openapi.yaml}, so this catch-all stays out of the generated document.
 */
@Path("/api/v1/{path: .+}")
public class ProxyResource {

    private final BackendClient backends;
    private final RequestBodies bodies;

    public ProxyResource(BackendClient backends, RequestBodies bodies) {
        this.backends = backends;
        this.bodies = bodies;
    }

    @GET
    @Operation(hidden = true)
    public Uni<Response> get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("GET", uri, headers, null);
    }

    @POST
    @Operation(hidden = true)
    public Uni<Response> post(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("POST", uri, headers, body);
    }

    @PUT
    @Operation(hidden = true)
    public Uni<Response> put(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("PUT", uri, headers, body);
    }

    @DELETE
    @Operation(hidden = true)
    public Uni<Response> delete(@Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("DELETE", uri, headers, null);
    }

    private Uni<Response> forward(String method, UriInfo uri, HttpHeaders headers, byte[] body) {
        String path = uri.getRequestUri().getRawPath();
        var backend = Backend.forPath(path);
        if (backend.isEmpty()) {
            return Uni.createFrom().item(Problems.response(Problem.notFound("no API at " + path)));
        }
        long limit = bodies.limit(path);
        if (body != null && body.length > limit) {
            // a chunked body: its length was not declared, so AccessFilter could not refuse it before it was read
            return Uni.createFrom().item(Problems.bodyTooLarge(method, path, limit, body.length));
        }
        return backends.forward(backend.get(), call(method, uri, headers, body));
    }

    static BackendClient.Call call(String method, UriInfo uri, HttpHeaders headers, byte[] body) {
        Map<String, String> forwarded = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                forwarded.put(name, values.get(0));
            }
        });
        return new BackendClient.Call(method, uri.getRequestUri().getRawPath(), uri.getRequestUri().getRawQuery(),
                forwarded, body);
    }
}
