package io.flowwatch.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.gateway.service.RequestBodies;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway's own behaviour (keys, roles, limits, routing, errors) against fake backends. */
@QuarkusTest
@QuarkusTestResource(value = FakeBackends.class, restrictToAnnotatedClass = true)
class GatewayApiTest {

    private static String adminKey;

    @Inject
    RequestBodies bodies;

    @BeforeEach
    void setUp() throws Exception {
        FakeBackends.server.resetAll();
        if (adminKey == null) {
            adminKey = Files.readString(Path.of("target/admin-api-key")).trim();
        }
    }

    private static String issueKey(String role) {
        return given().header("X-API-Key", adminKey).contentType(ContentType.JSON)
                .body("{\"name\":\"test-" + role + "\",\"role\":\"" + role + "\"}")
                .when().post("/api/v1/keys")
                .then().statusCode(201).body("key", startsWith("fwk_")).extract().path("key");
    }

    @Test
    void firstAdminKeyIsWrittenPrivately() throws Exception {
        Path file = Path.of("target/admin-api-key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        given().header("X-API-Key", adminKey).when().get("/api/v1/keys")
                .then().statusCode(200).body("[0].keyPrefix", startsWith("fwk_"))
                .body(org.hamcrest.Matchers.not(containsString(adminKey)));
    }

    @Test
    void noKeyNoAccess() {
        given().when().get("/api/v1/flows/daily?asset=BTC")
                .then().statusCode(401).contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-API-Key"));
        given().header("X-API-Key", "fwk_not-a-real-key").when().get("/api/v1/flows/daily")
                .then().statusCode(401).contentType("application/problem+json");
        FakeBackends.server.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/flows/daily")));
    }

    @Test
    void healthAndOpenApiNeedNoKey() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void readerReadsButCannotWrite() {
        String reader = issueKey("reader");
        FakeBackends.server.stubFor(get(urlPathEqualTo("/api/v1/flows/daily"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("[{\"date\":\"2026-01-29\",\"net\":-817900000}]")));

        given().header("X-API-Key", reader).when().get("/api/v1/flows/daily?asset=BTC&kind=us-spot-etf")
                .then().statusCode(200).body("[0].net", equalTo(-817900000))
                .header("X-Request-Id", notNullValue());
        FakeBackends.server.verify(getRequestedFor(urlPathEqualTo("/api/v1/flows/daily"))
                .withQueryParam("asset", com.github.tomakehurst.wiremock.client.WireMock.equalTo("BTC"))
                .withHeader("X-Request-Id", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
                .withoutHeader("X-API-Key"));

        given().header("X-API-Key", reader).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/events")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("writer"));
        FakeBackends.server.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/events")));
    }

    @Test
    void writerPushesButCannotChangeRules() {
        String writer = issueKey("writer");
        FakeBackends.server.stubFor(post(urlPathEqualTo("/api/v1/events"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"accepted\":1}")));

        given().header("X-API-Key", writer).contentType(ContentType.JSON).body("{\"events\":[]}")
                .when().post("/api/v1/events").then().statusCode(202).body("accepted", equalTo(1));
        given().header("X-API-Key", writer).contentType(ContentType.JSON).body("{}")
                .when().put("/api/v1/rules/btc").then().statusCode(403);
        given().header("X-API-Key", writer).contentType(ContentType.JSON).body("{\"name\":\"x\",\"role\":\"admin\"}")
                .when().post("/api/v1/keys").then().statusCode(403);
    }

    @Test
    void fullReplayClearsAggregatesFirstAndAFilteredOneDoesNot() {
        FakeBackends.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
                urlPathEqualTo("/api/v1/aggregates")).willReturn(aResponse().withStatus(204)));
        FakeBackends.server.stubFor(post(urlPathEqualTo("/api/v1/replay"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"queued\":3}")));

        for (String full : new String[] {"", "{}", "{ \"from\": null }"}) {
            given().header("X-API-Key", adminKey).contentType(ContentType.JSON).body(full)
                    .when().post("/api/v1/replay").then().statusCode(202).body("queued", equalTo(3));
        }
        FakeBackends.server.verify(3, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                urlPathEqualTo("/api/v1/aggregates")));

        FakeBackends.server.resetRequests();
        given().header("X-API-Key", adminKey).contentType(ContentType.JSON).body("{\"subject\":\"IBIT\"}")
                .when().post("/api/v1/replay").then().statusCode(202);
        given().header("X-API-Key", adminKey).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/replay?from=2026-01-26T00:00:00Z").then().statusCode(202);
        given().header("X-API-Key", adminKey).contentType(ContentType.JSON).body("not json")
                .when().post("/api/v1/replay").then().statusCode(202);
        FakeBackends.server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                urlPathEqualTo("/api/v1/aggregates")));
        FakeBackends.server.verify(3, postRequestedFor(urlPathEqualTo("/api/v1/replay")));
    }

    @Test
    void parkedMessagesOfBothBackendsComeMerged() {
        FakeBackends.server.stubFor(get(urlPathEqualTo("/api/v1/parked"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[{\"id\":\"p1\"}]")));
        given().header("X-API-Key", adminKey).when().get("/api/v1/parked")
                .then().statusCode(200).body("analytics[0].id", equalTo("p1")).body("alert[0].id", equalTo("p1"));
        FakeBackends.server.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/parked")));
    }

    @Test
    void backendProblemsPassThroughUnchanged() {
        FakeBackends.server.stubFor(post(urlPathEqualTo("/api/v1/imports"))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://flowwatch.io/problems/invalid-input\",\"status\":422,"
                                + "\"errors\":[{\"field\":\"Date\",\"line\":3,\"reason\":\"not a trading day\"}]}")));
        given().header("X-API-Key", adminKey).contentType("text/csv").body("Date,IBIT,Total\n")
                .when().post("/api/v1/imports?format=farside-flows&asset=BTC&kind=us-spot-etf")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].line", equalTo(3));
    }

    @Test
    void unreachableBackendIs503AndSlowOneIs504() {
        FakeBackends.server.stubFor(get(urlPathEqualTo("/api/v1/quotes/change"))
                .willReturn(aResponse().withFixedDelay(3_000).withBody("{}")));
        given().header("X-API-Key", adminKey).when().get("/api/v1/quotes/change?instrument=TOTAL")
                .then().statusCode(504).contentType("application/problem+json")
                .body("detail", containsString("analytics-service"));
    }

    @Test
    void unknownApiPathIs404Problem() {
        given().header("X-API-Key", adminKey).when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "${jndi:ldap://x}"})
    void injectionStringsInParametersAreForwardedAsData(String hostile) {
        FakeBackends.server.stubFor(get(urlPathEqualTo("/api/v1/flows/daily"))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":422,\"errors\":[{\"field\":\"asset\"}]}")));
        given().header("X-API-Key", adminKey).queryParam("asset", hostile)
                .when().get("/api/v1/flows/daily")
                .then().statusCode(422);
        FakeBackends.server.verify(getRequestedFor(urlPathEqualTo("/api/v1/flows/daily"))
                .withQueryParam("asset", com.github.tomakehurst.wiremock.client.WireMock.equalTo(hostile)));
    }

    @Test
    void revokedKeyStopsWorking() {
        String key = given().header("X-API-Key", adminKey).contentType(ContentType.JSON)
                .body("{\"name\":\"short-lived\",\"role\":\"reader\"}").when().post("/api/v1/keys")
                .then().statusCode(201).extract().path("key");
        String id = given().header("X-API-Key", adminKey).contentType(ContentType.JSON)
                .body("{\"name\":\"short-lived-2\",\"role\":\"reader\"}").when().post("/api/v1/keys")
                .then().statusCode(201).extract().path("id");
        given().header("X-API-Key", adminKey).when().delete("/api/v1/keys/" + id).then().statusCode(204);
        given().header("X-API-Key", adminKey).when().delete("/api/v1/keys/not-a-uuid").then().statusCode(422);
        assertFalse(key.isBlank());
    }

    @Test
    void invalidKeyRequestsAreRefusedByField() {
        given().header("X-API-Key", adminKey).contentType(ContentType.JSON).body("{\"name\":\"x\",\"role\":\"root\"}")
                .when().post("/api/v1/keys")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("role"));
        given().header("X-API-Key", adminKey).contentType(ContentType.JSON).body("{\"role\":\"reader\"}")
                .when().post("/api/v1/keys")
                .then().statusCode(422).body("errors[0].field", equalTo("name"));
    }

    @Test
    void aKeyOverItsRateLimitGets429WithRetryAfter() {
        String key = issueKey("reader");
        FakeBackends.server.stubFor(get(urlPathEqualTo("/api/v1/metrics")).willReturn(aResponse().withBody("[]")));
        int limited = 0;
        String retryAfter = null;
        // 320 calls exceed a burst of 200 + 1/s unless they take two minutes.
        for (int i = 0; i < 320 && limited == 0; i++) {
            var response = given().header("X-API-Key", key).when().get("/api/v1/metrics");
            if (response.statusCode() == 429) {
                limited++;
                retryAfter = response.header("Retry-After");
            }
        }
        assertTrue(limited > 0, "a burst of 320 calls exceeds 200 + 1/s");
        assertTrue(Integer.parseInt(retryAfter) >= 1);
    }

    @Test
    void bearerTokensAreRefusedWhileNotEnabled() {
        String token = new io.flowwatch.gateway.service.TestTokens().token("alice", "admin");
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/flows/daily")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("bearer tokens are not enabled"))
                .body("errors[0].field", equalTo("Authorization"));
        FakeBackends.server.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/flows/daily")));
    }

    @Test
    void aBodyLongerThanItsEndpointTakesIsRefusedBeforeItReachesTheBackend() {
        given().header("X-API-Key", adminKey).contentType(ContentType.JSON).body(new byte[1024 * 1024 + 1])
                .when().put("/api/v1/rules/huge")
                .then().statusCode(413).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].reason", equalTo("at most 1048576 bytes for this endpoint, found 1048577"));
        FakeBackends.server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                urlPathEqualTo("/api/v1/rules/huge")));
    }

    @Test
    void aBodyIsRefusedFromItsDeclaredLengthWithoutWaitingForIt() throws Exception {
        // Headers that announce 2 MiB, and no body: only a refusal before reading can answer.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT /api/v1/rules/announced HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-API-Key: " + adminKey + "\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine);
        }
        FakeBackends.server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                urlPathEqualTo("/api/v1/rules/announced")));
    }

    @Test
    void aBodyThatDoesNotFitBesideOthersInFlightGets503WithRetryAfterAndItsBytesAreFreedAfterEachCall() {
        FakeBackends.server.stubFor(post(urlPathEqualTo("/api/v1/events"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"accepted\":1}")));
        // Two pushes of 16 MiB being received fill the 32 MiB the gateway holds at once.
        long held = 0;
        for (int i = 0; i < 2; i++) {
            held += ((RequestBodies.Admitted) bodies.admit("/api/v1/events", 16L * 1024 * 1024)).bytes();
        }
        try {
            given().header("X-API-Key", adminKey).contentType(ContentType.JSON).body("{\"events\":[]}")
                    .when().post("/api/v1/events")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("type", equalTo("https://flowwatch.io/problems/busy"))
                    .body("errors[0].field", equalTo("body"));
            FakeBackends.server.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/events")));
        } finally {
            bodies.release(held);
        }
        given().header("X-API-Key", adminKey).contentType(ContentType.JSON).body("{\"events\":[]}")
                .when().post("/api/v1/events").then().statusCode(202);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> bodies.bytesInFlight() == 0);
    }
}
