package io.flowwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the one error body of every flowwatch API ({@code application/problem+json}).
 * The gateway passes a backend's problem through unchanged.
 *
 * @param type a URI naming the kind of problem, e.g. {@code https://flowwatch.io/problems/invalid-input}
 * @param errors what exactly was wrong: one entry per field (and row, for file imports)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://flowwatch.io/problems/";

    /**
     * @param field a JSON pointer ({@code /events/3/data/netFlowUsd}), a query parameter or a CSV column
     * @param line the 1-based line of a file import, when the error is in a file
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, Integer line, String value, String reason) {}

    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, errors == null ? List.of() : errors);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return of(422, "invalid-input", "The input is not valid", detail, errors);
    }

    public static Problem badRequest(String detail, String field, String reason) {
        return of(400, "bad-request", "The request cannot be read", detail, List.of(new FieldError(field, null, null, reason)));
    }

    public static Problem notFound(String detail) {
        return of(404, "not-found", "Not found", detail, List.of());
    }
}
