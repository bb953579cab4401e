package io.flowwatch.gateway.rest;

import io.flowwatch.events.Problem;
import io.flowwatch.gateway.service.AccessPolicy;
import io.flowwatch.gateway.service.ApiKeyService;
import io.flowwatch.gateway.service.BearerTokenVerifier;
import io.flowwatch.gateway.service.BearerTokens;
import io.flowwatch.gateway.service.Caller;
import io.flowwatch.gateway.service.RateLimiter;
import io.flowwatch.gateway.service.RequestBodies;
import io.flowwatch.gateway.service.Role;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
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
 * Authenticates the {@code X-API-Key} or, when enabled, an {@code Authorization: Bearer} JWT; then enforces, the
 * same way for both, the role a call needs, the caller's rate limit and the size of the request body (before it is
 * read, so that only known callers can make the gateway hold one); and gives
 * every request a correlation id ({@code X-Request-Id}) that goes to the backends and into the logs.
 */
public class AccessFilter {

    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String AUTHORIZATION_HEADER = "Authorization";
    static final String PRINCIPAL_PROPERTY = "flowwatch.principal";

    private final ApiKeyService apiKeys;
    private final BearerTokens bearerTokens;
    private final RateLimiter rateLimiter;
    private final RequestBodies bodies;
    private final CurrentVertxRequest currentRequest;

    public AccessFilter(ApiKeyService apiKeys, BearerTokens bearerTokens, RateLimiter rateLimiter,
            RequestBodies bodies, CurrentVertxRequest currentRequest) {
        this.apiKeys = apiKeys;
        this.bearerTokens = bearerTokens;
        this.rateLimiter = rateLimiter;
        this.bodies = bodies;
        this.currentRequest = currentRequest;
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
        boolean hasKey = key != null && !key.isBlank();
        Optional<String> token = bearerToken(request.getHeaderString(AUTHORIZATION_HEADER));
        if (hasKey && token.isPresent()) {
            return Uni.createFrom().item(unauthorized(AUTHORIZATION_HEADER,
                    "send one credential: an API key in X-API-Key or a bearer token, not both"));
        }
        if (token.isPresent()) {
            if (!bearerTokens.enabled()) {
                return Uni.createFrom().item(unauthorized(AUTHORIZATION_HEADER,
                        "bearer tokens are not enabled on this gateway; send an API key in the X-API-Key header"));
            }
            return bearerTokens.verify(token.get()).map(outcome -> switch (outcome) {
                case BearerTokenVerifier.Refused refused -> unauthorized(AUTHORIZATION_HEADER, refused.reason());
                case BearerTokenVerifier.Verified verified -> authorize(request, required.get(), Caller.of(verified));
            });
        }
        if (!hasKey) {
            return Uni.createFrom().item(unauthorized(API_KEY_HEADER, bearerTokens.enabled()
                    ? "this call needs an API key in the X-API-Key header or a bearer token in Authorization"
                    : "this call needs an API key in the X-API-Key header"));
        }
        return apiKeys.authenticate(key).map(principal -> principal.isEmpty()
                ? unauthorized(API_KEY_HEADER, "the API key is not valid (unknown or revoked)")
                : authorize(request, required.get(), Caller.of(principal.get())));
    }

    /** The one authorization path for keys and tokens alike: role, rate limit, body. Null lets the call through. */
    private Response authorize(ContainerRequestContext request, Role required, Caller caller) {
        if (caller.role().isEmpty() || !caller.role().get().includes(required)) {
            String has = caller.role().map(role -> "has '" + role.wireName() + "'")
                    .orElse("maps onto no role (none of its groups is a reader, writer or admin group)");
            return Problems.response(Problem.of(403, "forbidden", "Forbidden",
                    "this call needs the role '" + required.wireName() + "'; " + caller.description() + " " + has,
                    List.of(new Problem.FieldError(caller.credential(), null, null, "insufficient role"))));
        }
        var wait = rateLimiter.acquire(caller.rateLimitKey());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (long) Math.ceil(wait.get().toMillis() / 1000.0));
            return Response.fromResponse(Problems.response(429, "rate-limited", "Too many requests",
                            "the rate limit of " + caller.description() + " is exceeded; retry after " + seconds + " s"))
                    .header("Retry-After", seconds).build();
        }
        Response refusedBody = admitBody(request);
        if (refusedBody != null) {
            return refusedBody;
        }
        request.setProperty(PRINCIPAL_PROPERTY, caller);
        return null;
    }

    /** Reserves the body's bytes until the exchange ends, or refuses it (413, or 503 while others' bodies fill it). */
    private Response admitBody(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        return switch (bodies.admit(path, declaredLength(request))) {
            case RequestBodies.Admitted admitted -> {
                if (admitted.bytes() > 0) {
                    currentRequest.getCurrent().addEndHandler(ended -> bodies.release(admitted.bytes()));
                }
                yield null;
            }
            case RequestBodies.TooLarge tooLarge ->
                    Problems.bodyTooLarge(request.getMethod(), path, tooLarge.limit(), tooLarge.declared());
            case RequestBodies.Busy busy -> Problems.bodiesBusy(busy.bytesInFlight(), busy.maxInFlight());
        };
    }

    /** The declared Content-Length; -1 for a chunked body (its length is known only once read); 0 for none. */
    static long declaredLength(ContainerRequestContext request) {
        int length = request.getLength();
        return length >= 0 || request.getHeaderString("Transfer-Encoding") != null ? length : 0;
    }

    /** The token of an {@code Authorization: Bearer …} header (scheme case-insensitive, RFC 6750); else empty. */
    static Optional<String> bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer", 0, 6)
                || (authorization.length() > 6 && !Character.isWhitespace(authorization.charAt(6)))) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(6).trim());
    }

    @ServerResponseFilter
    public void echoRequestId(ContainerRequestContext request, ContainerResponseContext response) {
        String requestId = request.getHeaderString(REQUEST_ID_HEADER);
        if (requestId != null) {
            response.getHeaders().putSingle(REQUEST_ID_HEADER, requestId);
        }
        MDC.remove("requestId");
    }

    private Response unauthorized(String field, String detail) {
        Response.ResponseBuilder response = Response.fromResponse(Problems.response(Problem.of(401, "unauthorized",
                "Unauthorized", detail, List.of(new Problem.FieldError(field, null, null, detail)))))
                .header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
        if (bearerTokens.enabled()) {
            response.header("WWW-Authenticate", field.equals(AUTHORIZATION_HEADER)
                    ? "Bearer realm=\"flowwatch\", error=\"invalid_token\", error_description=\""
                            + detail.replace('"', '\'') + "\""
                    : "Bearer realm=\"flowwatch\"");
        }
        return response.build();
    }
}
