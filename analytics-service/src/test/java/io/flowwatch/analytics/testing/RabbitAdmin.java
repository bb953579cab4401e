package io.flowwatch.analytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * RabbitMQ's management HTTP API, for tests that cut one of the service's connections to the test vhost (as a broker
 * restart does) without touching the shared server or the other vhosts.
 */
public final class RabbitAdmin {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String base;
    private final String auth;
    private final String vhost;

    public RabbitAdmin() {
        String port = System.getenv("FLOWWATCH_RABBIT_MGMT_PORT");
        this.base = "http://127.0.0.1:" + (port == null || port.isBlank() ? "36673" : port) + "/api";
        this.auth = "Basic " + Base64.getEncoder().encodeToString("flowwatch:flowwatch".getBytes(StandardCharsets.UTF_8));
        this.vhost = ConfigProvider.getConfig().getValue("rabbitmq-virtual-host", String.class);
    }

    /**
     * The broker's names of the test vhost's open connections that the client named {@code clientName} (the
     * connector names its connections "channel (Outgoing)" / "channel (Incoming)"). The management API lists a new
     * connection only after a few seconds.
     */
    public List<String> connectionsNamed(String clientName) {
        List<String> names = new ArrayList<>();
        read(send("GET", "/vhosts/" + encode(vhost) + "/connections", null)).forEach(connection -> {
            if (clientName.equals(connection.path("user_provided_name").asText())) {
                names.add(connection.get("name").asText());
            }
        });
        return names;
    }

    /** Closes a connection by its broker name, as a broker going away would (the client sees it shut down). */
    public void close(String name) {
        send("DELETE", "/connections/" + encode(name), null);
    }

    private JsonNode read(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private String send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", auth)
                .header("X-Reason", "analytics-service broker connection test");
        request = json == null
                ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
