package io.flowwatch.analytics.messaging;

import static io.flowwatch.analytics.testing.Api.amount;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.analytics.testing.Api;
import io.flowwatch.analytics.testing.SeedWeekEvents;
import io.flowwatch.analytics.testing.TestBroker;
import io.flowwatch.analytics.testing.TestDb;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.FundFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Poison messages end in the parking queue with their reason, block nothing, and can be replayed. */
@QuarkusTest
class ParkingTest {

    private static final LocalDate DAY = LocalDate.parse("2026-01-28");
    private static TestBroker broker;

    @BeforeEach
    void cleanSlate() {
        Api.exactNumbers();
        if (broker == null) {
            broker = TestBroker.connect();
        }
        broker.purge(TestBroker.parkingQueue());
        Api.reset(broker);
    }

    @AfterAll
    static void close() {
        broker.purge(TestBroker.parkingQueue());
        broker.close();
        broker = null;
    }

    private static List<Map<String, Object>> parked() {
        return given().when().get("/api/v1/parked").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static Map<String, Object> parkedWith(String reasonPart) {
        return parked().stream()
                .filter(message -> String.valueOf(message.get("reason")).contains(reasonPart))
                .findFirst().orElseThrow(() -> new AssertionError("nothing parked for '" + reasonPart + "': " + parked()));
    }

    private static Event<FundFlow> flow(String product, String amount) {
        return SeedWeekEvents.flow("farside", product, "BTC", DAY, amount, 1, Instant.now());
    }

    @Test
    void poisonMessagesAreParkedWithTheirReasonAndDoNotBlockTheRest() {
        String unknownType = """
                {"specversion":"1.0","id":"%s","type":"flowwatch.unknown.v1","source":"test",
                 "time":"2026-01-29T00:00:00Z","data":{}}""".formatted(UUID.randomUUID());
        broker.publishRaw("flow.btc.poison", "this is not JSON".getBytes(StandardCharsets.UTF_8));
        broker.publishRaw("flow.btc.unknown", unknownType.getBytes(StandardCharsets.UTF_8));
        broker.publish(flow("PARK1", "1000000"));

        Api.awaitProcessed(1);
        given().queryParam("product", "PARK1").when().get("/api/v1/flows/daily")
                .then().statusCode(200).body("[0].net", amount("1000000"));

        await().atMost(Duration.ofSeconds(20)).until(() -> parked().size() == 2);
        Map<String, Object> notJson = parkedWith("not JSON");
        assertEquals("flow.btc.poison", notJson.get("routingKey"));
        assertEquals("this is not JSON", notJson.get("body"));
        Map<String, Object> unknown = parkedWith("unknown type 'flowwatch.unknown.v1'");
        assertEquals("flow.btc.unknown", unknown.get("routingKey"));
        assertTrue(String.valueOf(unknown.get("body")).contains("flowwatch.unknown.v1"));
        // Listing leaves them parked.
        assertEquals(2, broker.depth(TestBroker.parkingQueue()));
    }

    @Test
    void aConflictingFigureIsParkedWhileTheRestOfItsBatchGoesThrough() {
        Event<FundFlow> first = flow("CONF1", "5000000");
        Event<FundFlow> conflicting = flow("CONF1", "6000000"); // same source, product, date and revision
        Event<FundFlow> other = flow("CONF2", "7000000");
        broker.publish(List.of(first, conflicting, other));

        await().atMost(Duration.ofSeconds(30)).until(() -> parked().size() == 1);
        Map<String, Object> message = parkedWith("conflicting flow figure");
        assertTrue(String.valueOf(message.get("reason")).contains(conflicting.id().toString()), message.toString());
        // the events after the parked one are applied after it was parked
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(2, TestDb.processed()));
        given().queryParam("product", "CONF1").when().get("/api/v1/flows/daily")
                .then().statusCode(200).body("[0].net", amount("5000000"));
        given().queryParam("product", "CONF2").when().get("/api/v1/flows/daily")
                .then().statusCode(200).body("[0].net", amount("7000000"));
    }

    @Test
    void aBatchMessageIsAppliedAndAcknowledgedOnceWithItsBadEventsParkedApart() {
        Event<FundFlow> first = flow("BATCH1", "5000000");
        String notAnEvent = "{\"type\":\"flowwatch.fund-flow.v1\",\"data\":7}";
        Event<FundFlow> conflicting = flow("BATCH1", "6000000"); // same source, product, date and revision
        Event<FundFlow> other = flow("BATCH2", "7000000");
        broker.publishBatch("flow.btc.batch", first.id().toString(), List.of(EventCodec.encodeToString(first),
                notAnEvent, EventCodec.encodeToString(conflicting), EventCodec.encodeToString(other)));

        await().atMost(Duration.ofSeconds(30)).until(() -> parked().size() == 2);
        Map<String, Object> invalid = parkedWith("not a valid contract event at /1/data");
        assertEquals("flow.btc.batch", invalid.get("routingKey"));
        assertEquals(notAnEvent, invalid.get("body"), "the bad element alone, not the batch");
        assertNotEquals(first.id().toString(), invalid.get("id"), "not named by the batch's first event");
        Map<String, Object> conflict = parkedWith("conflicting flow figure");
        assertEquals(conflicting.id().toString(), conflict.get("id"));
        assertEquals("application/json", conflict.get("contentType"), "parked as a single event");
        assertEquals(conflicting, EventCodec.decode(String.valueOf(conflict.get("body"))));
        // the events after the parked one are applied after it was parked
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(2, TestDb.processed()));
        given().queryParam("product", "BATCH1").when().get("/api/v1/flows/daily")
                .then().statusCode(200).body("[0].net", amount("5000000"));
        given().queryParam("product", "BATCH2").when().get("/api/v1/flows/daily")
                .then().statusCode(200).body("[0].net", amount("7000000"));
        // Settled once: acknowledged, so nothing comes back and nothing more is parked.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> broker.depth(TestBroker.eventsQueue()) == 0 && parked().size() == 2);
        assertEquals(2, TestDb.processed());
    }

    @Test
    void replayMovesAParkedMessageBackToTheEventsQueue() {
        // A valid event parked while, say, the database was down; and a poison one.
        Event<FundFlow> valid = flow("REPLAY1", "3000000");
        broker.publishTo("", TestBroker.parkingQueue(), EventCodec.encode(valid),
                Map.of("x-flowwatch-error", "database unavailable (simulated)",
                        "x-flowwatch-routing-key", valid.routingKey()));
        broker.publishRaw("flow.btc.poison", "still not JSON".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> parked().size() == 2);

        String validId = String.valueOf(parkedWith("simulated").get("id"));
        given().when().post("/api/v1/parked/" + validId + "/replay")
                .then().statusCode(200)
                .body("id", equalTo(validId))
                .body("routingKey", equalTo(valid.routingKey()));
        Api.awaitProcessed(1);
        given().queryParam("product", "REPLAY1").when().get("/api/v1/flows/daily")
                .then().statusCode(200).body("[0].net", amount("3000000"));
        await().atMost(Duration.ofSeconds(10)).until(() -> parked().size() == 1);

        // The poison one goes back too, fails again and is parked again: the same id, one replay more.
        String poisonId = String.valueOf(parkedWith("not JSON").get("id"));
        given().when().post("/api/v1/parked/" + poisonId + "/replay").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Map<String, Object>> parked = parked();
            assertEquals(1, parked.size());
            assertEquals(poisonId, parked.getFirst().get("id"));
            assertEquals(1, ((Number) parked.getFirst().get("replays")).intValue());
            assertEquals("flow.btc.poison", parked.getFirst().get("routingKey"));
        });

        JsonPath problem = given().when().post("/api/v1/parked/no-such-id/replay")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-id"))
                .extract().jsonPath();
        assertEquals(404, problem.getInt("status"));
    }
}
