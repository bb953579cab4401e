package io.flowwatch.system;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for the gateway's public API (and RabbitMQ's management API), reading money exactly. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** A response: the status and the body parsed as JSON (a text node when it is not JSON). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * One client for the management API (a new one per call leaves a connection pool and threads behind each time),
     * on HTTP/1.1: the JDK client's default first asks a plain-HTTP server to upgrade to HTTP/2, and publishes through
     * the management API then failed with "EOF reached while reading" (scenarios 9-12).
     */
    private static final HttpClient MANAGEMENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private volatile String apiKey;

    Api(String base) {
        this.base = base;
    }

    void apiKey(String key) {
        this.apiKey = key;
    }

    Answer get(String path, Map<String, String> query) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    Answer post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path, Map.of())).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    Answer post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path, Map.of())).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Publishes one message through RabbitMQ's management API (the suite's own node). */
    static JsonNode publish(String exchange, String routingKey, byte[] payload, Map<String, Object> properties)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("properties", properties, "routing_key", routingKey,
                "payload", Base64.getEncoder().encodeToString(payload), "payload_encoding", "base64"));
        HttpRequest request = managementRequest("/exchanges/flowwatch/" + exchange + "/publish")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = MANAGEMENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("management publish answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A GET to RabbitMQ's management API (the suite's own node), the body as JSON. */
    static JsonNode management(String path) throws IOException, InterruptedException {
        HttpRequest request = managementRequest(path).GET().build();
        HttpResponse<String> response = MANAGEMENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("management API answered " + response.statusCode() + " for " + path);
        }
        return JSON.readTree(response.body());
    }

    /** A request to the suite's own node's management API ({@code /api} + path), authenticated, with a timeout. */
    private static HttpRequest.Builder managementRequest(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + LocalRuntime.RABBIT_MGMT_PORT + "/api" + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "flowwatch:flowwatch".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10));
    }

    /** A GET of any loopback URL (a service's own health or stats), the body as text, never failing. */
    static String text(String url) {
        try {
            HttpResponse<String> response = MANAGEMENT.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private URI uri(String path, Map<String, String> query) {
        String q = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(base + path + (q.isEmpty() ? "" : "?" + q));
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.getNodeFactory().textNode(response.body());
        }
        return new Answer(response.statusCode(), body);
    }
}
