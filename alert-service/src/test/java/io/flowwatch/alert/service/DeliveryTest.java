package io.flowwatch.alert.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.alert.support.Amqp;
import io.flowwatch.alert.support.SeedWeekUpdates;
import io.flowwatch.alert.support.ServersResource;
import io.flowwatch.events.MetricUpdate;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delivery against receivers that fail, are slow, or are silenced. */
@QuarkusTest
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryTest {

    private static void webhookChannel(String id, String path) {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "url", ServersResource.url(path)))
                .when().put("/api/v1/channels/" + id)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    private static void liquidationRule(String id, String scope, String channel) {
        given().contentType(ContentType.JSON).body("""
                        {"name":"%s","metric":"liquidation.window","scope":"%s",
                         "condition":{"type":"threshold","op":"gt","value":1},"severity":"warning",
                         "labels":{"test":"%s"},"channels":["%s"]}""".formatted(id, scope, id, channel))
                .when().put("/api/v1/rules/" + id)
                .then().log().ifValidationFails().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    private static void publish(String scope, String value) {
        try (Amqp amqp = Amqp.connect()) {
            amqp.publishMetrics(List.of(SeedWeekUpdates.event(new MetricUpdate("liquidation.window", scope, null,
                    Instant.now(), new BigDecimal(value), Map.of("window", "4h")))));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deliveriesOf(String ruleId) {
        List<Map<String, Object>> entries = given().queryParam("rule", ruleId).when().get("/api/v1/alerts")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.kind == 'notification' }");
        return entries.isEmpty() ? List.of() : (List<Map<String, Object>>) entries.getFirst().get("deliveries");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReceiverThatAlwaysFailsIsParkedWithEveryAttemptAndCanBeReplayed() {
        ServersResource.wireMock().stubFor(post(urlPathEqualTo("/hooks/always-500")).willReturn(aResponse().withStatus(500)));
        webhookChannel("parking-hook", "/hooks/always-500");
        liquidationRule("parking-test", "parking:long@4h", "parking-hook");
        publish("parking:long@4h", "5");

        Map<String, Object> parked = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().when().get("/api/v1/parked").then().statusCode(200).extract().jsonPath()
                        .<Map<String, Object>>getList("findAll { it.kind == 'delivery' && it.channel == 'parking-hook' }"),
                        list -> list.size() == 1)
                .getFirst();
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) parked.get("attemptLog");
        assertTrue(attempts.size() >= 3, "retried with backoff before parking: " + attempts);
        assertEquals(attempts.size(), parked.get("attempts"));
        for (Map<String, Object> attempt : attempts) {
            assertEquals("failed", attempt.get("outcome"));
            assertEquals(500, attempt.get("statusCode"));
            assertEquals("HTTP 500", attempt.get("error"));
        }
        assertEquals("parked", deliveriesOf("parking-test").getFirst().get("status"));
        int requests = ServersResource.wireMock().findAll(postRequestedFor(urlPathEqualTo("/hooks/always-500"))).size();
        assertEquals(attempts.size(), requests, "one request per recorded attempt");

        // the receiver is fixed; the operator replays the parked delivery
        ServersResource.wireMock().stubFor(post(urlPathEqualTo("/hooks/always-500")).willReturn(aResponse().withStatus(204)));
        given().when().post("/api/v1/parked/" + parked.get("id") + "/replay")
                .then().statusCode(202).body("kind", equalTo("delivery"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(deliveriesOf("parking-test").getFirst().get("status")));
        List<Map<String, Object>> log = (List<Map<String, Object>>) deliveriesOf("parking-test").getFirst().get("attemptLog");
        assertEquals(attempts.size() + 1, log.size(), "the earlier attempts stay in the log");
        assertEquals("delivered", log.getLast().get("outcome"));
        assertEquals(204, log.getLast().get("statusCode"));
        given().when().get("/api/v1/parked").then().statusCode(200)
                .body("findAll { it.channel == 'parking-hook' }.size()", equalTo(0));
        given().when().post("/api/v1/parked/" + parked.get("id") + "/replay").then().statusCode(404);
    }

    @Test
    void aSlowReceiverHoldsOnlyItsOwnDelivery() {
        ServersResource.wireMock().stubFor(post(urlPathEqualTo("/hooks/slow"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(15_000)));
        ServersResource.wireMock().stubFor(post(urlPathEqualTo("/hooks/fast")).willReturn(aResponse().withStatus(200)));
        webhookChannel("slow-hook", "/hooks/slow");
        webhookChannel("fast-hook", "/hooks/fast");
        liquidationRule("slow-test", "slow:long@4h", "slow-hook");
        liquidationRule("fast-test", "fast:long@4h", "fast-hook");

        publish("slow:long@4h", "5");
        await().atMost(Duration.ofSeconds(30)).until(() -> !ServersResource.wireMock()
                .findAll(postRequestedFor(urlPathEqualTo("/hooks/slow"))).isEmpty());
        publish("fast:long@4h", "5");

        await().atMost(Duration.ofSeconds(30)).until(() -> !deliveriesOf("fast-test").isEmpty()
                && "delivered".equals(deliveriesOf("fast-test").getFirst().get("status")));
        assertNotEquals("delivered", deliveriesOf("slow-test").getFirst().get("status"),
                "the slow receiver is still being waited for (up to the timeout) while the other was delivered");
    }

    @Test
    void aSilencedNotificationIsRecordedButNotSent() {
        ServersResource.wireMock().stubFor(post(urlPathEqualTo("/hooks/silenced")).willReturn(aResponse().withStatus(200)));
        webhookChannel("silenced-hook", "/hooks/silenced");
        liquidationRule("silence-test", "silence:long@4h", "silenced-hook");
        String silence = given().contentType(ContentType.JSON).body("""
                        {"matchers":[{"label":"test","op":"=","value":"silence-test"},
                                     {"label":"severity","op":"=~","value":"warn.*"}],
                         "duration":"PT1H","createdBy":"test","comment":"maintenance"}""")
                .when().post("/api/v1/silences")
                .then().log().ifValidationFails().statusCode(201).body("status", equalTo("active"))
                .extract().path("id");

        publish("silence:long@4h", "5");
        await().atMost(Duration.ofSeconds(30)).until(() -> !given().queryParam("rule", "silence-test")
                .when().get("/api/v1/alerts").then().extract().jsonPath()
                .getList("findAll { it.kind == 'notification' }").isEmpty());
        given().queryParam("rule", "silence-test").when().get("/api/v1/alerts")
                .then().statusCode(200)
                .body("find { it.kind == 'notification' }.status", equalTo("silenced"))
                .body("find { it.kind == 'notification' }.reason", equalTo("silence " + silence))
                .body("find { it.kind == 'notification' }.deliveries.size()", equalTo(0));
        assertTrue(ServersResource.wireMock().findAll(postRequestedFor(urlPathEqualTo("/hooks/silenced"))).isEmpty());

        given().when().delete("/api/v1/silences/" + silence).then().statusCode(204);
        given().when().get("/api/v1/silences").then().statusCode(200).body("findAll { it.id == '" + silence + "' }.size()", equalTo(0));
        given().queryParam("all", true).when().get("/api/v1/silences")
                .then().statusCode(200).body("find { it.id == '" + silence + "' }.status", equalTo("expired"));
        given().when().delete("/api/v1/silences/no-such-silence").then().statusCode(404);
    }

    @Test
    void aSilenceNeedsMatchersAndAnEnd() {
        given().contentType(ContentType.JSON).body("{\"matchers\":[]}")
                .when().post("/api/v1/silences")
                .then().statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItems("/matchers", "/endsAt"));
        given().contentType(ContentType.JSON).body("{\"matchers\":[{\"label\":\"a\",\"op\":\"=~\",\"value\":\"(\"}],\"duration\":\"PT1H\"}")
                .when().post("/api/v1/silences")
                .then().statusCode(422).body("errors[0].field", equalTo("/matchers/0/value"));
    }
}
