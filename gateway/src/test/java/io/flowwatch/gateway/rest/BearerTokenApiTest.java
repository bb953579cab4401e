package io.flowwatch.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.gateway.service.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens switched on (keys from a JWKS URL): tokens pass the same role checks and rate limits as API
 * keys, and every kind of bad token is refused with a 401 problem naming the reason. Each test's token has a
 * subject of its own, so the strict rate limit (a burst of 5) bites only where a test wants it to.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeBackendsStrictRateLimit.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeIdentityProvider.class, restrictToAnnotatedClass = true)
class BearerTokenApiTest {

    private static TestTokens tokens() {
        return FakeIdentityProvider.tokens;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @BeforeEach
    void stubBackends() {
        FakeBackends.server.resetAll();
        FakeBackends.server.stubFor(get(urlPathEqualTo("/api/v1/flows/daily"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("[{\"date\":\"2026-01-29\",\"net\":-817900000}]")));
        FakeBackends.server.stubFor(post(urlPathEqualTo("/api/v1/events"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"accepted\":1}")));
        FakeBackends.server.stubFor(put(urlPathEqualTo("/api/v1/rules/btc-outflow"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"btc-outflow\"}")));
    }

    @Test
    void readerTokenReadsButCannotPushEvents() {
        String reader = tokens().token("reader-user", "reader");
        given().header("Authorization", bearer(reader)).when().get("/api/v1/flows/daily?asset=BTC")
                .then().statusCode(200).body("[0].net", equalTo(-817900000));
        // The token stays at the gateway, like an API key.
        FakeBackends.server.verify(getRequestedFor(urlPathEqualTo("/api/v1/flows/daily")).withoutHeader("Authorization"));

        given().header("Authorization", bearer(reader)).contentType(ContentType.JSON).body("{\"events\":[]}")
                .when().post("/api/v1/events")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("'writer'"))
                .body("detail", containsString("reader-user"))
                .body("errors[0].field", equalTo("Authorization"));
        FakeBackends.server.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/events")));
    }

    @Test
    void writerTokenPushesEventsButCannotChangeRules() {
        String writer = tokens().token("writer-user", "writer");
        given().header("Authorization", bearer(writer)).contentType(ContentType.JSON).body("{\"events\":[]}")
                .when().post("/api/v1/events").then().statusCode(202).body("accepted", equalTo(1));
        given().header("Authorization", bearer(writer)).contentType(ContentType.JSON).body("{}")
                .when().put("/api/v1/rules/btc-outflow")
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("'admin'"));
        given().header("Authorization", bearer(writer)).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"role\":\"admin\"}").when().post("/api/v1/keys").then().statusCode(403);
        FakeBackends.server.verify(0, putRequestedFor(urlPathEqualTo("/api/v1/rules/btc-outflow")));
    }

    @Test
    void adminTokenChangesRules() {
        String admin = tokens().token("ops-user", "admin");
        given().header("Authorization", bearer(admin)).contentType(ContentType.JSON).body("{\"name\":\"btc-outflow\"}")
                .when().put("/api/v1/rules/btc-outflow").then().statusCode(200).body("id", equalTo("btc-outflow"));
        FakeBackends.server.verify(putRequestedFor(urlPathEqualTo("/api/v1/rules/btc-outflow")));
        // The scheme name is case-insensitive (RFC 6750).
        given().header("Authorization", "bearer " + admin).when().get("/api/v1/flows/daily").then().statusCode(200);
    }

    @Test
    void validTokenWithoutAFlowwatchGroupIsForbidden() {
        given().header("Authorization", bearer(tokens().token("guest", "marketing"))).when().get("/api/v1/flows/daily")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("no role"));
    }

    @Test
    void badTokensAreRefusedWith401NamingTheReason() {
        TestTokens t = tokens();
        Instant past = Instant.now().minusSeconds(3600);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(t.sign(t.claims("alice", "admin").issuedAt(past).expiresAt(past.plusSeconds(300))), "expired");
        cases.put(t.sign(t.claims("alice", "admin").issuer("https://evil.example/")), "issuer");
        cases.put(t.sign(t.claims("alice", "admin").audience("another-api")), "audience");
        cases.put(t.signedByStranger(t.claims("alice", "admin")), "signature does not verify");
        cases.put(t.withForeignSignature(t.token("alice", "admin"), t.token("alice", "reader")),
                "signature does not verify");
        cases.put(t.unsigned(t.claims("alice", "admin")), "alg none");
        cases.put(t.claims("alice", "admin").signWithSecret("a-secret-long-enough-for-hmac-sha-256!!"),
                "HS256 is not accepted");
        cases.put("not-a-jwt", "malformed");
        cases.put("a.b.c", "malformed");
        cases.put("", "empty");
        cases.forEach((token, reason) -> {
            Response response = given().header("Authorization", bearer(token)).when().get("/api/v1/flows/daily");
            assertEquals(401, response.statusCode(), reason);
            assertEquals("application/problem+json", response.contentType(), reason);
            assertTrue(response.jsonPath().getString("detail").contains(reason),
                    reason + " in: " + response.jsonPath().getString("detail"));
            assertEquals("Authorization", response.jsonPath().getString("errors[0].field"));
            assertTrue(response.headers().getValues("WWW-Authenticate").stream()
                    .anyMatch(h -> h.startsWith("Bearer") && h.contains("invalid_token")), reason);
        });
        FakeBackends.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void apiKeysStillWorkAndOneCredentialAtATime() throws Exception {
        String adminKey = Files.readString(Path.of("target/admin-api-key")).trim();
        given().header("X-API-Key", adminKey).when().get("/api/v1/flows/daily").then().statusCode(200);
        given().header("X-API-Key", adminKey).header("Authorization", bearer(tokens().token("alice", "admin")))
                .when().get("/api/v1/flows/daily")
                .then().statusCode(401).contentType("application/problem+json").body("detail", containsString("not both"));
        given().when().get("/api/v1/flows/daily")
                .then().statusCode(401).body("detail", containsString("bearer token"));
    }

    @Test
    void eachTokenSubjectHasItsOwnRateLimit() {
        String busy = tokens().token("busy-robot", "reader");
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            Response response = given().header("Authorization", bearer(busy)).when().get("/api/v1/flows/daily");
            if (response.statusCode() == 429) {
                limited++;
                assertTrue(Integer.parseInt(response.header("Retry-After")) >= 1);
            }
        }
        assertTrue(limited > 0, "30 calls exceed a burst of 5 + 1/s unless each took over a second");
        // Another subject has a bucket of its own (CallerTest: a new token of the same subject shares the first).
        given().header("Authorization", bearer(tokens().token("quiet-robot", "reader"))).when().get("/api/v1/flows/daily")
                .then().statusCode(200);
    }
}
