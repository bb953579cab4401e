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

    /** 413: a body longer than the endpoint takes. */
    public static Response bodyTooLarge(String method, String path, long limit, long found) {
        return response(Problem.of(413, "payload-too-large", "The request is too large",
                "the request body is too large for " + method + " " + path,
                List.of(new Problem.FieldError("body", null, null,
                        "at most " + limit + " bytes for this endpoint, found " + found))));
    }
}
