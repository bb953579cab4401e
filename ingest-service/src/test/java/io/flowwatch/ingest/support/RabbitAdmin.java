package io.flowwatch.ingest.support;

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
 * RabbitMQ's management HTTP API, for the broker-outage test: it cuts the test vhost off (closes its connections
 * and allows no new ones) without touching the shared server or the other vhosts, and lets it in again.
 */
public final class RabbitAdmin {

    public static final String TEST_VHOST = "flowwatch-test-ingest";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String base;
    private final String auth;

    public RabbitAdmin() {
        String port = System.getenv("FLOWWATCH_RABBIT_MGMT_PORT");
        this.base = "http://127.0.0.1:" + (port == null || port.isBlank() ? "36673" : port) + "/api";
        this.auth = "Basic " + Base64.getEncoder().encodeToString("flowwatch:flowwatch".getBytes(StandardCharsets.UTF_8));
    }

    /** No new connections to the test vhost. */
    public void blockVhost() {
        send("PUT", "/vhost-limits/" + encode(TEST_VHOST) + "/max-connections", "{\"value\":0}");
    }

    /** New connections allowed again (idempotent). */
    public void unblockVhost() {
        send("DELETE", "/vhost-limits/" + encode(TEST_VHOST) + "/max-connections", null);
    }

    /** The names of the test vhost's open connections. */
    public List<String> connections() {
        JsonNode list = read(send("GET", "/vhosts/" + encode(TEST_VHOST) + "/connections", null));
        List<String> names = new ArrayList<>();
        list.forEach(connection -> names.add(connection.get("name").asText()));
        return names;
    }

    public void closeConnections() {
        for (String name : connections()) {
            send("DELETE", "/connections/" + encode(name), null);
        }
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
                .header("X-Reason", "ingest-service broker outage test");
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
