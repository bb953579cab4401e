package io.flowwatch.analytics.rest;

import io.flowwatch.analytics.messaging.BrokerConnection;
import io.flowwatch.analytics.service.BadParameterException;
import io.flowwatch.analytics.service.UnknownScopeException;
import io.flowwatch.events.Problem;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API as RFC 9457 problem+json, in one place. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public RestResponse<Problem> badParameter(BadParameterException e) {
        return problem(Problem.of(400, "bad-request", "The request cannot be read",
                "query parameter '" + e.parameter() + "': " + e.getMessage(),
                List.of(new Problem.FieldError(e.parameter(), null, e.value(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unknownScope(UnknownScopeException e) {
        return problem(Problem.notFound(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> {
                    String path = violation.getPropertyPath().toString();
                    String field = path.substring(path.lastIndexOf('.') + 1);
                    return new Problem.FieldError(field, null,
                            violation.getInvalidValue() == null ? null : violation.getInvalidValue().toString(),
                            violation.getMessage());
                })
                .toList();
        return problem(Problem.of(400, "bad-request", "The request cannot be read", "invalid query parameters", errors));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> broker(BrokerConnection.BrokerException e) {
        LOG.warn("broker operation failed", e);
        return problem(Problem.of(503, "broker-unavailable", "The message broker is not available", e.getMessage(),
                List.of()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return problem(Problem.of(status, status == 404 ? "not-found" : "http-" + status, title, e.getMessage(),
                List.of()));
    }

    @ServerExceptionMapper(priority = 10_000)
    public RestResponse<Problem> unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return problem(Problem.of(500, "internal-error", "Internal error",
                "the request failed unexpectedly; see the service log", List.of()));
    }

    private static RestResponse<Problem> problem(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(Problem.MEDIA_TYPE)
                .build();
    }
}
