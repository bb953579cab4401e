package io.flowwatch.alert.client;

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
 * request into the service's own network. TLS still verifies the host name of the URL (SNI is sent for it).
 */
@ApplicationScoped
public class WebhookClient {

    private static final String USER_AGENT = "flowwatch-alert/0.1 (+https://flowwatch.io)";

    private final HttpClient http;

    public WebhookClient(Vertx vertx) {
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
        return http.request(options)
                .chain(request -> request.send(body))
                .chain(response -> response.body().map(ignored -> response.statusCode()))
                .ifNoItem().after(timeout).failWith(() -> new java.util.concurrent.TimeoutException(
                        "no answer within " + timeout.toMillis() + " ms"));
    }

    @PreDestroy
    void close() {
        http.closeAndForget();
    }
}
