package io.flowwatch.gateway.rest;

import io.flowwatch.events.Problem;
import io.flowwatch.gateway.service.ApiKeyService;
import io.flowwatch.gateway.service.Role;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** API keys (admin). A key's secret appears once, in the answer to its creation. */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    public record NewKey(String name, String role) {}

    private final ApiKeyService keys;

    public KeysResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @GET
    @Operation(hidden = true)
    public Uni<List<ApiKeyService.KeyView>> list() {
        return keys.list();
    }

    @POST
    @Operation(hidden = true)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(NewKey request) {
        if (request == null || request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            return Uni.createFrom().item(Problems.response(Problem.invalid("a key needs a name",
                    List.of(new Problem.FieldError("name", null, null, "required, 1 to 100 characters")))));
        }
        if (request.name().chars().anyMatch(Character::isISOControl)) {
            // the name goes into logs and 403 answers, where a line break would forge lines
            return Uni.createFrom().item(Problems.response(Problem.invalid("a key's name is one line of text",
                    List.of(new Problem.FieldError("name", null, null, "must not contain control characters")))));
        }
        Role role;
        try {
            role = Role.parse(request.role());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Problems.response(Problem.invalid(e.getMessage(),
                    List.of(new Problem.FieldError("role", null, request.role(), e.getMessage())))));
        }
        return keys.issue(request.name().trim(), role)
                .map(issued -> Response.created(URI.create("/api/v1/keys/" + issued.id())).entity(issued).build());
    }

    @DELETE
    @Operation(hidden = true)
    @Path("{id}")
    public Uni<Response> revoke(@jakarta.ws.rs.PathParam("id") String id) {
        UUID keyId;
        try {
            keyId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Problems.response(Problem.invalid("not a key id",
                    List.of(new Problem.FieldError("id", null, id, "must be a UUID")))));
        }
        return keys.revoke(keyId).map(found -> found
                ? Response.noContent().build()
                : Problems.response(Problem.notFound("no API key " + id)));
    }
}
