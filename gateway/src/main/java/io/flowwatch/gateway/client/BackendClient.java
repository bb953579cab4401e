package io.flowwatch.gateway.client;

import io.flowwatch.events.Problem;
import io.flowwatch.gateway.config.GatewayConfig;
import io.flowwatch.gateway.rest.Problems;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Calls a backend service and answers with its response unchanged (status, body, content type), or with
 * a 502/503/504 problem that says which backend failed and how. Idempotent calls are retried a bounded
 * number of times when the backend could not be reached; nothing waits longer than its timeout.
 */
@ApplicationScoped
public class BackendClient {

    private static final Logger LOG = Logger.getLogger(BackendClient.class);
    /** Request headers passed to backends; everything else (the API key above all) stays at the gateway. */
    private static final Set<String> FORWARDED_REQUEST_HEADERS =
            Set.of("content-type", "accept", "x-request-id", "if-none-match", "if-match");
    private static final Set<String> FORWARDED_RESPONSE_HEADERS =
            Set.of("content-type", "location", "retry-after", "etag", "content-disposition");

    /** A call as the gateway received it, reduced to what the backend needs. */
    public record Call(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {}

    private final WebClient client;
    private final GatewayConfig config;

    public BackendClient(Vertx vertx, GatewayConfig config) {
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(2_000)
                .setKeepAlive(true)
                .setMaxPoolSize(64)
                .setFollowRedirects(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<Response> forward(Backend backend, Call call) {
        return forward(backend, call, timeoutFor(call));
    }

    public Uni<Response> forward(Backend backend, Call call, Duration timeout) {
        URI base = URI.create(baseUrl(backend));
        String uri = call.path() + (call.rawQuery() == null || call.rawQuery().isEmpty() ? "" : "?" + call.rawQuery());
        boolean idempotent = call.method().equals("GET") || call.method().equals("HEAD");
        Uni<HttpResponse<Buffer>> attempt = Uni.createFrom().deferred(() -> {
            var request = client.request(HttpMethod.valueOf(call.method()), port(base), base.getHost(), uri)
                    .ssl("https".equals(base.getScheme()))
                    .timeout(timeout.toMillis());
            call.headers().forEach((name, value) -> {
                if (FORWARDED_REQUEST_HEADERS.contains(name.toLowerCase())) {
                    request.putHeader(name, value);
                }
            });
            return call.body() == null || call.body().length == 0
                    ? request.send()
                    : request.sendBuffer(Buffer.buffer(call.body()));
        });
        if (idempotent) {
            attempt = attempt.onFailure(ConnectException.class).retry()
                    .withBackOff(Duration.ofMillis(100), Duration.ofMillis(500))
                    .atMost(config.idempotentRetries());
        }
        return attempt.map(BackendClient::toResponse)
                .onFailure().recoverWithItem(failure -> failureResponse(backend, failure));
    }

    private Duration timeoutFor(Call call) {
        boolean longRunning = call.path().startsWith("/api/v1/imports") || call.path().startsWith("/api/v1/replay")
                || call.path().startsWith("/api/v1/aggregates");
        return longRunning ? config.longBackendTimeout() : config.backendTimeout();
    }

    private String baseUrl(Backend backend) {
        return switch (backend) {
            case INGEST -> config.ingestUrl();
            case ANALYTICS -> config.analyticsUrl();
            case ALERT -> config.alertUrl();
        };
    }

    private static int port(URI base) {
        return base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
    }

    private static Response toResponse(HttpResponse<Buffer> response) {
        Response.ResponseBuilder builder = Response.status(response.statusCode());
        response.headers().forEach(header -> {
            if (FORWARDED_RESPONSE_HEADERS.contains(header.getKey().toLowerCase())) {
                builder.header(header.getKey(), header.getValue());
            }
        });
        Buffer body = response.body();
        if (body != null && body.length() > 0) {
            builder.entity(body.getBytes());
        }
        return builder.build();
    }

    /** Vert.x reports an expired request timeout as a {@link TimeoutException}, possibly wrapped. */
    static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Response failureResponse(Backend backend, Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String name = backend.serviceName();
        if (isTimeout(failure)) {
            LOG.warnf("%s timed out: %s", name, failure.getMessage());
            return Problems.response(Problem.of(504, "backend-timeout", "Backend timed out",
                    name + " did not answer in time; the request may or may not have taken effect", List.of()));
        }
        if (cause instanceof ConnectException) {
            LOG.warnf("%s unreachable: %s", name, cause.getMessage());
            return Response.fromResponse(Problems.response(Problem.of(503, "backend-unavailable",
                    "Backend unavailable", name + " cannot be reached (" + cause.getMessage() + ")", List.of())))
                    .header("Retry-After", 5).build();
        }
        LOG.warnf(failure, "%s failed", name);
        return Problems.response(Problem.of(502, "backend-failed", "Backend failed",
                name + " failed: " + failure.getMessage(), List.of()));
    }
}
