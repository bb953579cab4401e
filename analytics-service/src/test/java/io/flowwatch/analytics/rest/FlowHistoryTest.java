package io.flowwatch.analytics.rest;

import static io.flowwatch.analytics.testing.Api.amount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.flowwatch.analytics.testing.Api;
import io.flowwatch.analytics.testing.SeedWeekEvents;
import io.flowwatch.analytics.testing.TestBroker;
import io.flowwatch.events.Event;
import io.flowwatch.events.FundFlow;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "As known at T" and the choice between sources. */
@QuarkusTest
class FlowHistoryTest {

    private static final LocalDate DAY = LocalDate.parse("2026-02-02");
    private static TestBroker broker;

    @BeforeEach
    void cleanSlate() {
        Api.exactNumbers();
        if (broker == null) {
            broker = TestBroker.connect();
        }
        Api.reset(broker);
    }

    @AfterAll
    static void close() {
        broker.close();
        broker = null;
    }

    @Test
    void asOfBeforeARevisionAnswersTheOldFigure() {
        Event<FundFlow> first = SeedWeekEvents.flow("farside", "ASOF1", "BTC", DAY, "10000000", 1,
                Instant.parse("2026-02-03T02:00:00Z"));
        Event<FundFlow> revised = SeedWeekEvents.flow("farside", "ASOF1", "BTC", DAY, "12500000", 2,
                Instant.parse("2026-02-04T02:00:00Z"));
        broker.publish(List.of(revised, first));
        Api.awaitProcessed(2);

        given().queryParam("product", "ASOF1").when().get("/api/v1/flows/daily")
                .then().statusCode(200).body("[0].net", amount("12500000"));
        given().queryParam("product", "ASOF1").queryParam("asOf", "2026-02-03T12:00:00Z")
                .when().get("/api/v1/flows/daily")
                .then().statusCode(200).body("[0].net", amount("10000000"));
        given().queryParam("asset", "BTC").queryParam("date", DAY.toString()).queryParam("asOf", "2026-02-03T12:00:00Z")
                .when().get("/api/v1/flows/summary")
                .then().statusCode(200).body("net", amount("10000000"));
        given().queryParam("asset", "BTC").queryParam("date", DAY.toString())
                .when().get("/api/v1/flows/summary")
                .then().statusCode(200).body("net", amount("12500000"));
        given().queryParam("product", "ASOF1").queryParam("asOf", "2026-02-02T00:00:00Z")
                .when().get("/api/v1/flows/daily")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theFirstSourceOfThePriorityWinsAndEachSourceCanBeAskedAlone() {
        broker.publish(List.of(
                SeedWeekEvents.flow("sosovalue", "PRIO1", "BTC", DAY, "-4100000", 1, Instant.parse("2026-02-03T01:00:00Z")),
                SeedWeekEvents.flow("farside", "PRIO1", "BTC", DAY, "-4000000", 1, Instant.parse("2026-02-03T02:00:00Z")),
                SeedWeekEvents.flow("sosovalue", "PRIO1", "BTC", DAY.plusDays(1), "1000000", 1,
                        Instant.parse("2026-02-04T01:00:00Z"))));
        Api.awaitProcessed(3);

        given().queryParam("product", "PRIO1").when().get("/api/v1/flows/daily")
                .then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].net", amount("-4000000"))
                .body("[1].net", amount("1000000"))
                .body("[1].cumulative", amount("-3000000"));
        given().queryParam("product", "PRIO1").queryParam("source", "sosovalue").when().get("/api/v1/flows/daily")
                .then().statusCode(200).body("[0].net", amount("-4100000"));
        given().queryParam("product", "PRIO1").queryParam("source", "farside").when().get("/api/v1/flows/daily")
                .then().statusCode(200).body("size()", equalTo(1));
    }
}
