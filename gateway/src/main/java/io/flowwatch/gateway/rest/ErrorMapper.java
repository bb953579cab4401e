package io.flowwatch.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.flowwatch.events.Problem;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the gateway itself raises becomes RFC 9457 problem+json; nothing leaks as a bare 500. */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response invalidArgument(IllegalArgumentException e) {
        return Problems.response(Problem.invalid(e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return Problems.response(Problem.badRequest(e.getMessage(), e.parameter(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> "/" + (ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex()))
                        .collect(Collectors.joining())
                : "body";
        return Problems.response(Problem.badRequest("the body is not valid JSON for this call", field,
                e.getOriginalMessage()));
    }

    /** Wrong types and refused values, which the framework's own mapper would otherwise answer without a problem. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(lastNode(v.getPropertyPath().toString()), null,
                        String.valueOf(v.getInvalidValue()), v.getMessage()))
                .toList();
        return Problems.response(Problem.invalid("the request is not valid", errors));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json); // the framework wraps a body it could not read
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return Problems.response(status, "http-" + status, Response.Status.fromStatusCode(status) == null
                ? "HTTP " + status : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return Problems.response(500, "internal", "Internal error",
                "the gateway failed unexpectedly; the log has the details");
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
