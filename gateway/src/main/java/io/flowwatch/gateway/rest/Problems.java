package io.flowwatch.gateway.rest;

import io.flowwatch.events.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem+json responses, the one error form of the API. */
public final class Problems {

    /** What a client refused for being busy is told to wait, in seconds. */
    static final int BUSY_RETRY_AFTER_SECONDS = 2;

    private Problems() {}

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Response response(int status, String slug, String title, String detail) {
        return response(Problem.of(status, slug, title, detail, List.of()));
    }

    /** 503 with a Retry-After: a body that does not fit beside the bodies being received now. */
    public static Response bodiesBusy(long bytesInFlight, long maxInFlight) {
        return Response.fromResponse(response(Problem.of(503, "busy", "Service busy",
                        "the gateway is receiving " + bytesInFlight + " bytes of other request bodies; retry in a few"
                                + " seconds",
                        List.of(new Problem.FieldError("body", null, null,
                                "at most " + maxInFlight + " bytes of request bodies are received at once")))))
                .header("Retry-After", BUSY_RETRY_AFTER_SECONDS).build();
    }

    /** 413: a body longer than the endpoint takes. */
    public static Response bodyTooLarge(String method, String path, long limit, long found) {
        return response(Problem.of(413, "payload-too-large", "The request is too large",
                "the request body is too large for " + method + " " + path,
                List.of(new Problem.FieldError("body", null, null,
                        "at most " + limit + " bytes for this endpoint, found " + found))));
    }
}
