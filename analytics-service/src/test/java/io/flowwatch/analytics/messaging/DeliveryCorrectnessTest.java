package io.flowwatch.analytics.messaging;

import static io.flowwatch.analytics.testing.Api.amount;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.analytics.testing.Api;
import io.flowwatch.analytics.testing.SeedWeekEvents;
import io.flowwatch.analytics.testing.TestBroker;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.FundFlow;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing counted twice: the same events delivered in order, or duplicated, shuffled and with a
 * revision arriving before the figure it revises, or in batch messages each delivered twice, end in identical
 * aggregates.
 */
@QuarkusTest
class DeliveryCorrectnessTest {

    private static final LocalDate REVISED_DAY = LocalDate.parse("2026-01-22");
    private static TestBroker broker;

    @BeforeEach
    void connect() {
        Api.exactNumbers();
        if (broker == null) {
            broker = TestBroker.connect();
        }
    }

    @AfterAll
    static void close() {
        broker.close();
        broker = null;
    }

    /** What the query API answers about the BTC series (and the ETH one if asked). */
    private static Map<String, String> snapshot(boolean withEther) {
        Map<String, String> answers = new java.util.TreeMap<>(Map.of(
                "btc", body("/api/v1/flows/daily?asset=BTC"),
                "ibit", body("/api/v1/flows/daily?product=IBIT"),
                "btc-summary", body("/api/v1/flows/summary?asset=BTC&date=2026-01-29"),
                "btc-weeks", body("/api/v1/flows/weekly?asset=BTC")));
        if (withEther) {
            answers.put("eth", body("/api/v1/flows/daily?asset=ETH"));
        }
        return answers;
    }

    private static String body(String path) {
        return given().when().get(path).then().statusCode(200).extract().asString();
    }

    @Test
    void duplicatesShufflingAndALateRevisionGiveIdenticalAggregates() {
        List<Event<FundFlow>> flows = new ArrayList<>(SeedWeekEvents.flows("BTC"));
        flows.addAll(SeedWeekEvents.flows("ETH"));
        Event<FundFlow> revision = SeedWeekEvents.flow("farside", "IBIT", "BTC", REVISED_DAY, "20000000", 2,
                Instant.parse("2026-01-23T14:00:00Z"));

        // 1. In order: every first figure, then the revision.
        Api.reset(broker);
        broker.publish(flows);
        broker.publish(revision);
        Api.awaitProcessed(flows.size() + 1);
        Map<String, String> inOrder = snapshot(true);
        given().queryParam("product", "IBIT").queryParam("date", REVISED_DAY.toString())
                .when().get("/api/v1/flows/summary")
                .then().statusCode(200).body("net", amount("20000000"));
        given().queryParam("asset", "BTC").queryParam("date", REVISED_DAY.toString())
                .when().get("/api/v1/flows/summary")
                .then().statusCode(200).body("net", amount("39500000")); // 32.1M with IBIT's 12.6M → 20M

        // 2. Shuffled, a third of them twice, the revision first and the figure it revises last.
        Api.reset(broker);
        Event<FundFlow> revised = flows.stream()
                .filter(event -> event.data().product().equals("IBIT") && event.data().tradingDate().equals(REVISED_DAY))
                .findFirst().orElseThrow();
        List<Event<?>> messy = new ArrayList<>(flows);
        messy.addAll(flows.subList(0, flows.size() / 3));
        Collections.shuffle(messy, new Random(20260129));
        messy.removeIf(event -> event.id().equals(revised.id()));
        messy.addFirst(revision);
        messy.add(revised);
        messy.add(revision);
        broker.publish(messy);
        Api.awaitProcessed(flows.size() + 1);
        Map<String, String> disordered = snapshot(true);

        assertEquals(inOrder, disordered);

        // 3. As ingest's relay sends them: the events of each routing key in one batch message, the revision first,
        // and every batch twice.
        Api.reset(broker);
        Map<String, List<String>> byRoutingKey = new LinkedHashMap<>();
        for (Event<FundFlow> flow : flows) {
            byRoutingKey.computeIfAbsent(flow.routingKey(), key -> new ArrayList<>()).add(EventCodec.encodeToString(flow));
        }
        broker.publishBatch(revision.routingKey(), List.of(EventCodec.encodeToString(revision)));
        for (int round = 0; round < 2; round++) {
            byRoutingKey.forEach(broker::publishBatch);
        }
        Api.awaitProcessed(flows.size() + 1);

        assertEquals(inOrder, snapshot(true));
    }

    @Test
    void theSameFigureUnderANewIdChangesNothing() {
        List<Event<FundFlow>> flows = SeedWeekEvents.flows("BTC");
        Api.reset(broker);
        broker.publish(flows);
        Api.awaitProcessed(flows.size());
        Map<String, String> before = snapshot(false);

        // A source re-sends twenty figures it had sent already, as new events.
        List<Event<FundFlow>> again = flows.subList(0, 20).stream()
                .map(event -> Event.of(UUID.randomUUID(), event.source(), event.time().plusSeconds(60), event.data()))
                .toList();
        broker.publish(again);
        Api.awaitProcessed(flows.size() + again.size());

        assertEquals(before, snapshot(false));
        assertTrue(before.get("btc").contains("\"net\":-817900000"), before.get("btc"));
    }
}
