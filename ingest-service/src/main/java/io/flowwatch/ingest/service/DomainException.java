package io.flowwatch.ingest.service;

import io.flowwatch.events.Problem;
import java.util.List;

/**
 * A request that the service refuses, with everything an RFC 9457 problem needs. The one exception mapper in
 * {@code rest/} turns it into {@code application/problem+json}; nothing else builds error bodies.
 */
public class DomainException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Integer retryAfterSeconds;

    public DomainException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        this(status, slug, title, detail, errors, null);
    }

    private DomainException(int status, String slug, String title, String detail, List<Problem.FieldError> errors,
            Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 422: the input is well-formed but not valid (every error named). */
    public static DomainException invalid(String detail, List<Problem.FieldError> errors) {
        return new DomainException(422, "invalid-input", "The input is not valid", detail, errors);
    }

    /** 400: the request cannot be read at all (a parameter, the body's syntax or encoding). */
    public static DomainException badRequest(String detail, String field, String reason) {
        return new DomainException(400, "bad-request", "The request cannot be read", detail,
                List.of(new Problem.FieldError(field, null, null, reason)));
    }

    public static DomainException badRequest(String detail, List<Problem.FieldError> errors) {
        return new DomainException(400, "bad-request", "The request cannot be read", detail, errors);
    }

    /** 413: more events or bytes than one request may carry. */
    public static DomainException tooLarge(String detail, String field, String reason) {
        return new DomainException(413, "payload-too-large", "The request is too large", detail,
                List.of(new Problem.FieldError(field, null, null, reason)));
    }

    /** 415: a media type or character encoding that this endpoint does not read. */
    public static DomainException unsupportedMediaType(String detail) {
        return new DomainException(415, "unsupported-media-type", "Unsupported media type", detail, List.of());
    }

    /** 503 with a Retry-After: the request is fine, but this instance has no room for it right now. */
    public static DomainException busy(String detail, String field, String reason, int retryAfterSeconds) {
        return new DomainException(503, "busy", "Service busy", detail,
                List.of(new Problem.FieldError(field, null, null, reason)), retryAfterSeconds);
    }

    public static DomainException notFound(String detail) {
        return new DomainException(404, "not-found", "Not found", detail, List.of());
    }

    public static DomainException conflict(String detail) {
        return new DomainException(409, "conflict", "Conflict", detail, List.of());
    }

    public int status() {
        return status;
    }

    /** Seconds for a Retry-After header, or {@code null} when retrying the same request would not help. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), instance, errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
