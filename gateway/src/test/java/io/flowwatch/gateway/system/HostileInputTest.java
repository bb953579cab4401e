package io.flowwatch.gateway.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.gateway.system.HostileInputs.Case;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input, end to end: every row of {@link HostileInputs} goes through the gateway to the real backends and must
 * come back as a 4xx {@code application/problem+json} of the expected status that names the cause — never a 500,
 * never a hang — and afterwards the API shows that nothing was stored. Then the inputs a real user's tools produce
 * that look odd but are fine (a UTF-8 byte order mark from a spreadsheet's "CSV UTF-8" export) are accepted.
 * Prints a table of every case and its outcome.
 */
@QuarkusTest
@TestProfile(SystemProfile.class)
class HostileInputTest {

    /** Longer than any backend timeout of the gateway, so a hang shows as this case's failure, not the suite's. */
    private static final Duration PER_REQUEST = Duration.ofSeconds(40);
    private static final int MAX_BODY_SHOWN = 2_000;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String admin;

    /** What one case got. */
    private record Outcome(Case c, int status, String contentType, String problemText, long millis, String failure) {}

    @Test
    void everyHostileInputIsRefusedWithAProblemNamingItsCauseAndNothingIsStored() throws Exception {
        admin = Files.readString(Path.of("target/admin-api-key")).trim();
        List<Case> cases = HostileInputs.all();
        assertTrue(cases.size() >= 100, "at least 100 cases, found " + cases.size());

        Map<String, String> before = storedState();
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Case c : cases) {
                outcomes.add(run(c));
            }
        } finally {
            printTable(outcomes);
        }
        Map<String, String> after = storedState();
        List<String> failures = outcomes.stream().filter(o -> o.failure() != null)
                .map(o -> o.c().name() + ": " + o.failure()).toList();
        try {
            List<String> changed = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k)))
                    .map(k -> k + " changed: " + abbreviate(before.get(k)) + " → " + abbreviate(after.get(k))).toList();
            assertTrue(failures.isEmpty() && changed.isEmpty(), failures.size() + " of " + cases.size()
                    + " cases failed:\n" + String.join("\n", failures) + "\nstored state:\n" + String.join("\n", changed));
        } finally {
            removeAnythingStoredByMistake();
        }

        theByteOrderMarkOfASpreadsheetExportIsAccepted();
    }

    /** Excel's "CSV UTF-8" and Notepad write a BOM; a file that is otherwise fine must import as if it had none. */
    private void theByteOrderMarkOfASpreadsheetExportIsAccepted() throws Exception {
        HttpResponse<String> csv = send("POST", HostileInputs.QUOTES.replace("source=hostile", "source=bom-test"),
                HostileInputs.CSV, HostileInputs.bom(HostileInputs.QUOTES_HEADER
                        + "\n2026-01-02T00:00:00Z,BOMTEST,1.5,\n").get());
        assertEquals(200, csv.statusCode(), csv.body());
        assertEquals(1, json.readTree(csv.body()).path("eventsAccepted").asInt(), csv.body());

        HttpResponse<String> event = send("POST", "/api/v1/events", HostileInputs.JSON, HostileInputs.bom(
                HostileInputs.quote("BOMTEST", "2026-01-02T01:00:00Z", "1.6")
                        .replace("6f1d0c1e-0000-4000-8000-000000000002", java.util.UUID.randomUUID().toString())
                        .replace("\"subject\":\"HOSTILEQ\"", "\"subject\":\"BOMTEST\"")).get());
        assertEquals(202, event.statusCode(), event.body());
    }

    private Outcome run(Case c) {
        long started = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(c.target())).timeout(PER_REQUEST)
                    .header("X-API-Key", c.apiKey() == null ? admin : c.apiKey())
                    .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(c.body().get()));
            if (c.contentType() != null) {
                request.header("Content-Type", c.contentType());
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            long millis = (System.nanoTime() - started) / 1_000_000;
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String body;
            try (InputStream in = response.body()) {
                // A stream that was opened instead of refused is never read to its end.
                body = contentType.startsWith("text/event-stream") ? "(an event stream was opened)"
                        : new String(in.readNBytes(1_000_000), StandardCharsets.UTF_8);
            }
            return judge(c, response.statusCode(), contentType, body, millis);
        } catch (java.net.http.HttpTimeoutException e) {
            return new Outcome(c, 0, "", "", (System.nanoTime() - started) / 1_000_000, "no answer within " + PER_REQUEST);
        } catch (IOException e) {
            return new Outcome(c, 0, "", "", (System.nanoTime() - started) / 1_000_000, "I/O error: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Outcome judge(Case c, int status, String contentType, String body, long millis) {
        String problemText = "";
        List<String> wrong = new ArrayList<>();
        if (status != c.status()) {
            wrong.add("status " + status + ", expected " + c.status());
        }
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            wrong.add("content type '" + contentType + "', expected application/problem+json");
        } else {
            try {
                JsonNode problem = json.readTree(body);
                problemText = problemText(problem);
                if (problem.path("status").asInt() != status) {
                    wrong.add("the problem's status " + problem.path("status") + " differs from the HTTP status");
                }
                if (!problemText.toLowerCase(Locale.ROOT).contains(c.cause().toLowerCase(Locale.ROOT))) {
                    wrong.add("the problem does not name '" + c.cause() + "'");
                }
            } catch (IOException e) {
                wrong.add("the body is not JSON");
            }
        }
        String failure = wrong.isEmpty() ? null : String.join("; ", wrong) + " — body: "
                + (body.length() > MAX_BODY_SHOWN ? body.substring(0, MAX_BODY_SHOWN) + "…" : body);
        return new Outcome(c, status, contentType, problemText, millis, failure);
    }

    /** The detail and, per error, its field, line and reason: where a problem names its cause. */
    private static String problemText(JsonNode problem) {
        StringBuilder text = new StringBuilder(problem.path("detail").asText(""));
        for (JsonNode error : problem.path("errors")) {
            text.append(" | ").append(error.path("field").asText(""));
            if (error.has("line")) {
                text.append(" line ").append(error.get("line").asInt());
            }
            text.append(": ").append(error.path("reason").asText(""));
        }
        return text.toString();
    }

    /** What the API shows as stored, as comparable text per resource. */
    private Map<String, String> storedState() throws Exception {
        Map<String, String> state = new LinkedHashMap<>();
        JsonNode stats = json.readTree(get("/api/v1/ingest/stats"));
        state.put("events in the log", stats.path("events").asText());
        state.put("events by type", stats.path("eventsByType").toString());
        state.put("outbox rows ever", stats.path("outbox").path("total").asText());
        state.put("products", get("/api/v1/products"));
        state.put("rules", get("/api/v1/rules"));
        state.put("channels", get("/api/v1/channels"));
        state.put("silences", get("/api/v1/silences?all=true"));
        state.put("alerts", String.valueOf(json.readTree(get("/api/v1/alerts?limit=10000")).size()));
        state.put("API keys", String.valueOf(json.readTree(get("/api/v1/keys")).size()));
        return state;
    }

    /** If a case was wrongly accepted, its rule, channel or product must not linger and fire in other tests. */
    private void removeAnythingStoredByMistake() throws Exception {
        for (JsonNode rule : json.readTree(get("/api/v1/rules"))) {
            if (!rule.path("id").asText().startsWith("hostile")) {
                continue;
            }
            send("DELETE", "/api/v1/rules/" + HostileInputs.q(rule.path("id").asText()), null, null);
        }
        for (JsonNode channel : json.readTree(get("/api/v1/channels"))) {
            if (channel.path("id").asText().startsWith("hostile")) {
                send("DELETE", "/api/v1/channels/" + HostileInputs.q(channel.path("id").asText()), null, null);
            }
        }
        send("DELETE", "/api/v1/products/HOSTILE", null, null);
    }

    private String get(String target) throws Exception {
        HttpResponse<String> response = send("GET", target, null, null);
        assertEquals(200, response.statusCode(), target + ": " + response.body());
        return response.body();
    }

    private HttpResponse<String> send(String method, String target, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(target)).timeout(PER_REQUEST)
                .header("X-API-Key", admin)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String target) {
        return URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + target);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void printTable(List<Outcome> outcomes) {
        StringBuilder table = new StringBuilder("\nBad input through the gateway: ")
                .append(outcomes.stream().filter(o -> o.failure() == null).count()).append(" of ")
                .append(outcomes.size()).append(" refused as expected\n");
        table.append(String.format("%-4s %-48s %-7s %-44s %-4s %-4s %6s  %s%n", "#", "case", "method", "path", "want",
                "got", "ms", "problem names"));
        int i = 1;
        for (Outcome o : outcomes) {
            String path = o.c().target().length() > 44 ? o.c().target().substring(0, 43) + "…" : o.c().target();
            String named = o.failure() != null ? "FAIL " + o.failure() : o.problemText();
            named = named.replaceAll("[\\r\\n\\t]+", " ");
            table.append(String.format("%-4d %-48s %-7s %-44s %-4d %-4d %6d  %s%n", i++, o.c().name(), o.c().method(),
                    path, o.c().status(), o.status(), o.millis(), named.length() > 160 ? named.substring(0, 160) + "…"
                            : named));
        }
        System.out.println(table);
    }
}
