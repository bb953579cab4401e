package io.flowwatch.events.testing;

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
import java.util.Base64;
import java.util.List;

/**
 * RabbitMQ's management HTTP API on the private broker, for the services' tests that take their own test vhost away
 * from them (close its connections, refuse new ones) as a broker outage would, without touching the shared server
 * or the other vhosts. Shared through this module's test-jar.
 */
public final class RabbitManagement {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String base;
    private final String auth;
    private final String vhost;
    private final String reason;

    /**
     * @param vhost the test vhost all calls are about
     * @param reason what the broker logs as the reason when it closes a connection
     */
    public RabbitManagement(String vhost, String reason) {
        String port = System.getenv("FLOWWATCH_RABBIT_MGMT_PORT");
        this.base = "http://127.0.0.1:" + (port == null || port.isBlank() ? "36673" : port) + "/api";
        this.auth = "Basic " + Base64.getEncoder().encodeToString("flowwatch:flowwatch".getBytes(StandardCharsets.UTF_8));
        this.vhost = vhost;
        this.reason = reason;
    }

    /** No new connections to the vhost. */
    public void blockVhost() {
        send("PUT", "/vhost-limits/" + encode(vhost) + "/max-connections", "{\"value\":0}");
    }

    /** New connections allowed again (idempotent). */
    public void unblockVhost() {
        send("DELETE", "/vhost-limits/" + encode(vhost) + "/max-connections", null);
    }

    /** The broker's names of the vhost's open connections. */
    public List<String> connections() {
        return connectionsNamed(null);
    }

    /**
     * The broker's names of the vhost's open connections that the client named {@code clientName} (null: all; the
     * connector names its connections "channel (Outgoing)" / "channel (Incoming)"). The management API lists a new
     * connection only after a few seconds.
     */
    public List<String> connectionsNamed(String clientName) {
        List<String> names = new ArrayList<>();
        read(send("GET", "/vhosts/" + encode(vhost) + "/connections", null)).forEach(connection -> {
            if (clientName == null || clientName.equals(connection.path("user_provided_name").asText())) {
                names.add(connection.get("name").asText());
            }
        });
        return names;
    }

    /** Closes a connection by its broker name, as a broker going away would (the client sees it shut down). */
    public void close(String name) {
        send("DELETE", "/connections/" + encode(name), null);
    }

    /** Closes every open connection of the vhost. */
    public void closeConnections() {
        connections().forEach(this::close);
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
                .header("X-Reason", reason);
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
