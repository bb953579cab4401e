package io.flowwatch.alert.client;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * POSTs a webhook with the Vert.x HTTP client: non-blocking, bounded by a timeout, and connected to the address
 * the URL guard checked (when it resolved one), so a DNS answer that changes after the check cannot redirect the
 * request into the service's own network. TLS still verifies the host name of the URL (SNI is sent for it). Each
 * request is a client span whose W3C {@code traceparent} goes with it, so a receiver can quote it back.
 */
@ApplicationScoped
public class WebhookClient {

    private static final String USER_AGENT = "flowwatch-alert/0.1 (+https://flowwatch.io)";

    private final HttpClient http;
    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    public WebhookClient(Vertx vertx, OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("io.flowwatch.alert.webhook");
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setForceSni(true)
                .setKeepAlive(true)
                .setMaxPoolSize(64)
                .setTryUseCompression(false));
    }

    /**
     * @param addresses the checked addresses to connect to; empty lets the client resolve the host itself (for a host
     *     name the operator allowed as such)
     * @return the response's status code; fails on a connection error or when the timeout passes
     */
    public Uni<Integer> post(URI url, List<InetAddress> addresses, Map<String, String> headers, String body,
            Duration timeout) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url.toString())
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .setFollowRedirects(false);
        if (!addresses.isEmpty()) {
            boolean https = "https".equals(url.getScheme().toLowerCase(Locale.ROOT));
            int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
            options.setServer(SocketAddress.inetSocketAddress(port, addresses.getFirst().getHostAddress()));
        }
        headers.forEach(options::putHeader);
        options.putHeader("content-type", "application/json");
        options.putHeader("user-agent", USER_AGENT);
        Span span = tracer.spanBuilder("POST webhook").setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", "POST")
                .setAttribute("server.address", url.getHost())
                .startSpan();
        openTelemetry.getPropagators().getTextMapPropagator()
                .inject(Context.current().with(span), options, (carrier, name, value) -> carrier.putHeader(name, value));
        return http.request(options)
                .chain(request -> request.send(body))
                .chain(response -> response.body().map(ignored -> response.statusCode()))
                .ifNoItem().after(timeout).failWith(() -> new java.util.concurrent.TimeoutException(
                        "no answer within " + timeout.toMillis() + " ms"))
                .onItemOrFailure().invoke((status, failure) -> {
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure.toString());
                    } else {
                        span.setAttribute("http.response.status_code", status);
                    }
                    span.end();
                });
    }

    @PreDestroy
    void close() {
        http.closeAndForget();
    }
}
