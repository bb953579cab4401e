package io.flowwatch.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.flowwatch.events.Problem;
import io.flowwatch.ingest.service.DomainException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.ConnectException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns failures into RFC 9457 {@code application/problem+json} bodies ({@link Problem}):
 * domain refusals, unreadable JSON, constraint violations, the framework's own HTTP errors (unsupported media
 * type, unknown path, method not allowed), and — never expected — anything else as a 500 that is logged.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final ObjectMapper mapper;

    public ProblemMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerExceptionMapper
    public RestResponse<String> domain(DomainException e, UriInfo uri) {
        RestResponse.ResponseBuilder<String> response = builder(e.toProblem(path(uri)));
        if (e.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public RestResponse<String> constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Problem.FieldError(field(v), null, value(v), v.getMessage()))
                .toList();
        return respond(new Problem(Problem.TYPE_BASE + "invalid-input", "The input is not valid", 422,
                errors.size() + " constraint(s) violated", path(uri), errors));
    }

    @ServerExceptionMapper
    public RestResponse<String> unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(json(e, uri));
    }

    @ServerExceptionMapper
    public RestResponse<String> mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return respond(json(e, uri));
    }

    @ServerExceptionMapper
    public RestResponse<String> http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(json(json, uri));
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return respond(new Problem(Problem.TYPE_BASE + slug, title, status, e.getMessage(), path(uri), List.of()));
    }

    @ServerExceptionMapper
    public RestResponse<String> unexpected(Throwable e, UriInfo uri) {
        if (causedBy(e, ConnectException.class)) {
            LOG.warnf("%s: a backing service is unreachable: %s", path(uri), e.toString());
            return respond(new Problem(Problem.TYPE_BASE + "unavailable", "Service unavailable", 503,
                    "a backing service (database or broker) is unreachable; retry later", path(uri), List.of()));
        }
        LOG.errorf(e, "%s failed unexpectedly", path(uri));
        return respond(new Problem(Problem.TYPE_BASE + "internal-error", "Internal error", 500,
                "an unexpected error occurred; it has been logged", path(uri), List.of()));
    }

    private Problem json(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> "/" + (ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex()))
                        .collect(Collectors.joining())
                : "body";
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return new Problem(Problem.TYPE_BASE + "bad-request", "The request cannot be read", 400,
                "the request body is not valid JSON for this endpoint", path(uri),
                List.of(new Problem.FieldError(field, null, null, e.getOriginalMessage() + where)));
    }

    private RestResponse<String> respond(Problem problem) {
        return builder(problem).build();
    }

    private RestResponse.ResponseBuilder<String> builder(Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + "}";
        }
        return RestResponse.ResponseBuilder.<String>create(problem.status()).entity(body).type(Problem.MEDIA_TYPE);
    }

    private static String field(ConstraintViolation<?> violation) {
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                last = node.getName();
            }
        }
        return last == null ? "body" : "/" + last;
    }

    private static String value(ConstraintViolation<?> violation) {
        Object value = violation.getInvalidValue();
        if (value == null || !(value instanceof CharSequence || value instanceof Number)) {
            return null;
        }
        String text = value.toString();
        return text.length() > 100 ? text.substring(0, 100) : text;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
