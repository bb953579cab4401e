package io.flowwatch.alert.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.alert.service.ConflictException;
import io.flowwatch.alert.service.InvalidInputException;
import io.flowwatch.alert.service.MalformedRequestException;
import io.flowwatch.alert.service.UnknownResourceException;
import io.flowwatch.events.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API as one RFC 9457 problem ({@code application/problem+json}), mapped here and nowhere else. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final ObjectMapper json;

    public ProblemMapper(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return problem(Problem.invalid(e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public Response malformed(MalformedRequestException e) {
        return problem(Problem.badRequest("the request cannot be read", e.field(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unknown(UnknownResourceException e) {
        return problem(Problem.notFound(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return problem(Problem.of(409, "conflict", "Conflict", e.getMessage(), List.of()));
    }

    /** A body that is not JSON, or not of the expected shape: 400 naming where. */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String pointer = "";
        if (e instanceof JsonMappingException mapping) {
            pointer = mapping.getPath().stream()
                    .map(ref -> "/" + (ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex()))
                    .collect(Collectors.joining());
        }
        return problem(Problem.badRequest("the body is not valid JSON for this resource", pointer.isEmpty() ? "/" : pointer,
                e.getOriginalMessage()));
    }

    /** Also the wrong types and refused values (NUL, absurd numbers), which the framework's own mapper would answer. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    /** The framework's own errors (unknown path, wrong method or media type) in the same form. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json); // the framework wraps a body it could not read
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return problem(Problem.of(status, title.toLowerCase().replace(' ', '-'), title, e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return problem(Problem.of(500, "internal-error", "Internal error",
                "something went wrong on our side; the log has the details", List.of()));
    }

    private Response problem(Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}";
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
