package io.flowwatch.gateway.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * (A day and fund after the seed week, an inflow that no demo rule reacts to, so that this test and the seed-week
 * acceptance test, which share one running system, pass in either order.)
 *
 * The whole pipeline with nothing started by hand: a fund-flow event posted to the gateway goes through
 * ingest → RabbitMQ → analytics → PostgreSQL and comes back through the gateway as a daily total.
 */
@QuarkusTest
@TestProfile(SystemProfile.class)
class WalkingSkeletonTest {

    @Test
    void aFlowPostedToTheGatewayComesBackAsADailyTotal() throws Exception {
        String admin = Files.readString(Path.of("target/admin-api-key")).trim();
        String event = """
                {"specversion":"1.0","id":"%s","type":"flowwatch.fund-flow.v1","source":"farside",
                 "time":"2026-02-03T01:00:00Z","subject":"XRPC",
                 "data":{"product":"XRPC","asset":"XRP","productKind":"us-spot-etf","tradingDate":"2026-02-02",
                         "netFlowUsd":12300000}}
                """.formatted(UUID.randomUUID());

        given().header("X-API-Key", admin).contentType(ContentType.JSON).body(event)
                .when().post("/api/v1/events")
                .then().statusCode(202);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().header("X-API-Key", admin)
                        .queryParam("asset", "XRP").queryParam("kind", "us-spot-etf")
                        .queryParam("from", "2026-02-02").queryParam("to", "2026-02-02")
                        .when().get("/api/v1/flows/daily")
                        .then().statusCode(200)
                        .body("$", hasSize(1))
                        .body("[0].date", equalTo("2026-02-02"))
                        .body("[0].net", equalTo(12300000)));
    }
}
