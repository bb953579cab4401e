package io.flowwatch.ingest.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.events.ContractSamples;
import io.flowwatch.events.EventBatch;
import io.flowwatch.events.FundFlow;
import io.flowwatch.ingest.support.Api;
import io.flowwatch.ingest.support.EventProbe;
import io.flowwatch.ingest.support.EventProbe.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The push API: shapes, defaults, duplicates and revisions, the stored event, stats, and replay. */
@QuarkusTest
class PushApiTest {

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String quote(String source, String instrument, String time, String price) {
        return "{\"type\":\"flowwatch.quote.v1\",\"source\":\"" + source + "\",\"data\":{\"instrument\":\"" + instrument
                + "\",\"time\":\"" + time + "\",\"priceUsd\":" + price + "}}";
    }

    @Test
    void aBareFundFlowGetsIdTimeSourceIssuerAndRevisionAssigned() {
        // No id, time, source, issuer, asset, kind or revision: ingest fills them in.
        String body = "{\"type\":\"flowwatch.fund-flow.v1\",\"data\":{\"product\":\"bitb\",\"tradingDate\":\"2025-11-03\","
                + "\"netFlowUsd\":\"12.5\"}}";
        JsonPath answer = Api.push(body).then().statusCode(202)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0)).body("revisions", equalTo(0))
                .body("results[0].status", equalTo("accepted"))
                .extract().jsonPath();
        String id = answer.getString("ids[0]");
        assertEquals(id, answer.getString("results[0].id"));
        Api.given().when().get("/api/v1/events/" + id).then().statusCode(200)
                .body("specversion", equalTo("1.0"))
                .body("id", equalTo(id))
                .body("source", equalTo("api"))
                .body("subject", equalTo("BITB"))
                .body("time", notNullValue())
                .body("data.product", equalTo("BITB"))
                .body("data.issuer", equalTo("Bitwise"))
                .body("data.asset", equalTo("BTC"))
                .body("data.productKind", equalTo("us-spot-etf"))
                .body("data.netFlowUsd", equalTo(12.5f))
                .body("data.revision", equalTo(1));
        // The identical figure again, under a new id: a duplicate that names the stored event.
        Api.push(body).then().statusCode(202)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(1))
                .body("results[0].id", equalTo(id)).body("results[0].status", equalTo("duplicate"));
    }

    @Test
    void theContractSampleIsAcceptedAndItsIdIsTheIdempotencyKey() {
        String sample = ContractSamples.json("liquidation").replace("7c1d3e5f-8a9b-4c0d-9e1f-2a3b4c5d6e04",
                UUID.randomUUID().toString()).replace("1440000.0", "1440001.5");
        String id = Api.push(sample).then().statusCode(202).body("accepted", equalTo(1)).extract().path("ids[0]");
        Api.push(sample).then().statusCode(202)
                .body("duplicates", equalTo(1)).body("results[0].id", equalTo(id));
    }

    @Test
    void batchesAndArraysAreAcceptedAndRevisionsCounted() {
        String source = unique("push-").toLowerCase();
        String instrument = unique("PX");
        String a = quote(source, instrument, "2026-01-29T10:00:00Z", "1");
        String b = quote(source, instrument, "2026-01-29T11:00:00Z", "2");
        Api.push("{\"events\":[" + a + "," + b + "]}").then().statusCode(202)
                .body("accepted", equalTo(2)).body("ids.size()", equalTo(2));
        // An array: one unchanged (duplicate), one changed (a revision of the quote at 11:00), one new.
        String bChanged = quote(source, instrument, "2026-01-29T11:00:00Z", "2.5");
        String c = quote(source, instrument, "2026-01-29T12:00:00Z", "3");
        Api.push("[" + a + "," + bChanged + "," + c + "]").then().statusCode(202)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(1)).body("revisions", equalTo(1))
                .body("results.status", equalTo(List.of("duplicate", "revision", "accepted")))
                .body("ids.size()", equalTo(2));
    }

    @Test
    void aChangedFlowIsRevisionTwoAndTheSameBatchCanHoldBoth() {
        String source = unique("rev-").toLowerCase();
        String first = "{\"type\":\"flowwatch.fund-flow.v1\",\"source\":\"" + source
                + "\",\"data\":{\"product\":\"ARKB\",\"tradingDate\":\"2026-01-27\",\"netFlowUsd\":-1000000}}";
        String second = first.replace("-1000000", "-2000000");
        try (EventProbe probe = EventProbe.open("flow.btc.arkb")) {
            Api.push("[" + first + "," + second + "," + second + "]").then().statusCode(202)
                    .body("results.status", equalTo(List.of("accepted", "revision", "duplicate")))
                    .body("results.revision", equalTo(java.util.Arrays.asList(1, 2, null)));
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.fromSource(source).size() >= 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> probe.fromSource(source).size() == 2);
            List<Received> messages = probe.fromSource(source);
            FundFlow one = (FundFlow) messages.get(0).event().data();
            FundFlow two = (FundFlow) messages.get(1).event().data();
            assertEquals(1, one.revision());
            assertEquals(2, two.revision());
            assertEquals(new BigDecimal("-2000000"), two.netFlowUsd());
        }
    }

    @Test
    void statsCountTheLogAndTheOutbox() {
        Api.push(quote("stats-test", unique("ST"), "2026-01-29T10:00:00Z", "1")).then().statusCode(202);
        Api.given().when().get("/api/v1/ingest/stats").then().statusCode(200)
                .body("events", greaterThanOrEqualTo(1))
                .body("eventsByType.'flowwatch.quote.v1'", greaterThanOrEqualTo(1))
                .body("outbox.depth", greaterThanOrEqualTo(0))
                .body("outbox.total", greaterThanOrEqualTo(1))
                .body("relay.brokerConnected", notNullValue());
    }

    @Test
    void replayPublishesTheLogAgainWithOriginalIdsInOrder() {
        String instrument = unique("RP");
        String source = "replay-test";
        String key = "quote." + instrument.toLowerCase() + ".#";
        List<String> ids;
        try (EventProbe probe = EventProbe.open(key)) {
            ids = Api.push("[" + quote(source, instrument, "2026-01-29T10:00:00Z", "1") + ","
                            + quote(source, instrument, "2026-01-29T11:00:00Z", "2") + ","
                            + quote(source, instrument, "2026-01-29T12:00:00Z", "3") + "]")
                    .then().statusCode(202).extract().jsonPath().getList("ids", String.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.size() >= 3);
        }
        try (EventProbe probe = EventProbe.open(key)) {
            Api.given().contentType("application/json").body("{\"subject\":\"" + instrument + "\"}")
                    .when().post("/api/v1/replay")
                    .then().statusCode(202).body("queued", equalTo(3)).body("subject", equalTo(instrument));
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.size() >= 3);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> probe.size() == 3);
            List<Received> replayed = probe.received();
            assertEquals(ids, replayed.stream().map(r -> r.id().toString()).toList(), "original ids, original order");
            assertTrue(replayed.stream().allMatch(r -> "true".equals(r.header("x-flowwatch-replay"))));
            // One instrument, one replay: one message in the batch format, named by its first event.
            assertEquals(1, probe.messages());
            assertTrue(replayed.stream().allMatch(r -> EventBatch.CONTENT_TYPE.equals(r.properties().getContentType())));
            assertEquals(ids.getFirst(), replayed.getFirst().properties().getMessageId());
            assertEquals("3", replayed.getFirst().header(EventBatch.EVENT_COUNT_HEADER));
        }
        // Query parameters work too; a time range in the future matches nothing.
        Api.given().when().post("/api/v1/replay?subject=" + instrument + "&from=2999-01-01T00:00:00Z")
                .then().statusCode(202).body("queued", equalTo(0));
        Api.given().when().post("/api/v1/replay?from=yesterday")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        assertNotNull(ids);
    }
}
