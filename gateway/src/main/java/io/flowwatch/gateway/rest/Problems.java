package io.flowwatch.gateway.rest;

import io.flowwatch.events.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem+json responses, the one error form of the API. */
public final class Problems {

    private Problems() {}

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Response response(int status, String slug, String title, String detail) {
        return response(Problem.of(status, slug, title, detail, List.of()));
    }
}
