package io.flowwatch.analytics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Errors are RFC 9457 problems that name the bad parameter; health reports the consumer's lag as data. */
@QuarkusTest
class ProblemTest {

    private static void badParameter(String path, String parameter) {
        given().when().get(path)
                .then().log().ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo(parameter))
                .body("detail", containsString(parameter));
    }

    @Test
    void badParametersAreNamed() {
        badParameter("/api/v1/flows/daily", "asset");
        badParameter("/api/v1/flows/daily?asset=BTC&from=29-01-2026", "from");
        badParameter("/api/v1/flows/daily?asset=BTC&from=2026-01-29&to=2026-01-01", "to");
        badParameter("/api/v1/flows/summary?asset=BTC&date=yesterday", "date");
        badParameter("/api/v1/flows/daily?asset=BTC&asOf=noon", "asOf");
        badParameter("/api/v1/quotes/change?instrument=TOTAL&window=3x", "window");
        badParameter("/api/v1/quotes/change?window=24h", "instrument");
        badParameter("/api/v1/liquidations/window?venue=hyperliquid&side=middle&window=4h&at=2026-01-29T15:00:00Z", "side");
        badParameter("/api/v1/liquidations/window?venue=hyperliquid&side=long&window=4h", "at");
        badParameter("/api/v1/holdings/share?scope=IBIT", "scope");
        badParameter("/api/v1/metrics?limit=0", "limit");
    }

    @Test
    void unknownScopesAreNotFound() {
        for (String path : new String[] {
            "/api/v1/flows/summary?asset=NOSUCHASSET",
            "/api/v1/flows/daily?product=NOSUCHPRODUCT",
            "/api/v1/quotes/change?instrument=NOSUCH&window=24h",
            "/api/v1/quotes/latest?instrument=NOSUCH",
            "/api/v1/holdings/share?scope=etp:NOSUCH",
            "/api/v1/liquidations/window?venue=nosuchvenue&side=long&window=4h&at=2026-01-29T15:00:00Z"}) {
            given().when().get(path)
                    .then().log().ifValidationFails()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://flowwatch.io/problems/not-found"))
                    .body("detail", notNullValue());
        }
    }

    @Test
    void readinessReportsTheConsumerLagAsData() {
        // Awaited: right after start-up the consumer may not have connected to the broker yet, which is unready.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("checks.name", hasItem("analytics consumer lag"))
                .body("checks.find { it.name == 'analytics consumer lag' }.data.messagesReady", notNullValue())
                .body("checks.find { it.name == 'analytics consumer lag' }.data.parked", notNullValue())
                .body("checks.find { it.name == 'analytics consumer lag' }.data.metricsUnsent", notNullValue()));
    }
}
