package io.flowwatch.gateway.rest;

import io.flowwatch.events.Problem;
import io.flowwatch.gateway.service.AccessPolicy;
import io.flowwatch.gateway.service.ApiKeyService;
import io.flowwatch.gateway.service.RateLimiter;
import io.flowwatch.gateway.service.Role;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Authenticates the {@code X-API-Key}, enforces the role a call needs and the key's rate limit, and gives
 * every request a correlation id ({@code X-Request-Id}) that goes to the backends and into the logs.
 */
public class AccessFilter {

    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String PRINCIPAL_PROPERTY = "flowwatch.principal";

    private final ApiKeyService apiKeys;
    private final RateLimiter rateLimiter;

    public AccessFilter(ApiKeyService apiKeys, RateLimiter rateLimiter) {
        this.apiKeys = apiKeys;
        this.rateLimiter = rateLimiter;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> authorize(ContainerRequestContext request) {
        String requestId = Optional.ofNullable(request.getHeaderString(REQUEST_ID_HEADER))
                .filter(id -> id.matches("[A-Za-z0-9._:-]{1,100}"))
                .orElseGet(() -> UUID.randomUUID().toString());
        request.getHeaders().putSingle(REQUEST_ID_HEADER, requestId);
        MDC.put("requestId", requestId);

        String path = request.getUriInfo().getRequestUri().getRawPath();
        Optional<Role> required = AccessPolicy.requiredRole(request.getMethod(), path);
        if (required.isEmpty() || request.getMethod().equals("OPTIONS")) {
            return Uni.createFrom().nullItem();
        }
        String key = request.getHeaderString(API_KEY_HEADER);
        if (key == null || key.isBlank()) {
            return Uni.createFrom().item(unauthorized("this call needs an API key in the X-API-Key header"));
        }
        return apiKeys.authenticate(key).map(principal -> {
            if (principal.isEmpty()) {
                return unauthorized("the API key is not valid (unknown or revoked)");
            }
            if (!principal.get().role().includes(required.get())) {
                return Problems.response(Problem.of(403, "forbidden", "Forbidden",
                        "this call needs the role '" + required.get().wireName() + "'; the key '"
                                + principal.get().name() + "' has '" + principal.get().role().wireName() + "'",
                        List.of(new Problem.FieldError(API_KEY_HEADER, null, null, "insufficient role"))));
            }
            var wait = rateLimiter.acquire(principal.get().keyId());
            if (wait.isPresent()) {
                long seconds = Math.max(1, (long) Math.ceil(wait.get().toMillis() / 1000.0));
                return Response.fromResponse(Problems.response(429, "rate-limited", "Too many requests",
                                "this key's rate limit is exceeded; retry after " + seconds + " s"))
                        .header("Retry-After", seconds).build();
            }
            request.setProperty(PRINCIPAL_PROPERTY, principal.get());
            return null;
        });
    }

    @ServerResponseFilter
    public void echoRequestId(ContainerRequestContext request, ContainerResponseContext response) {
        String requestId = request.getHeaderString(REQUEST_ID_HEADER);
        if (requestId != null) {
            response.getHeaders().putSingle(REQUEST_ID_HEADER, requestId);
        }
        MDC.remove("requestId");
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problems.response(Problem.of(401, "unauthorized", "Unauthorized", detail,
                List.of(new Problem.FieldError(API_KEY_HEADER, null, null, detail)))))
                .header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"").build();
    }
}
