package io.flowwatch.alert.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.flowwatch.alert.support.Amqp;
import io.flowwatch.alert.support.SeedWeekUpdates;
import io.flowwatch.alert.support.ServersResource;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.MetricUpdate;
import io.flowwatch.events.Topology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric messages that cannot be processed are parked with their reason, listed, and replayable. */
@QuarkusTest
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
class ParkedMetricMessageTest {

    private static Map<String, Object> awaitParked(String body) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().when().get("/api/v1/parked").then().statusCode(200).extract().jsonPath()
                                .<Map<String, Object>>getList("findAll { it.kind == 'metric' }").stream()
                                .filter(m -> body.equals(m.get("body")) && m.get("reason") != null).toList(),
                        list -> list.size() == 1)
                .getFirst();
    }

    @Test
    void aMalformedMessageIsParkedWithTheReasonAndStillFailsOnReplay() {
        String body = "{\"specversion\":\"1.0\",\"type\":\"flowwatch.metric.v1\",\"data\":{\"metric\": 42";
        try (Amqp amqp = Amqp.connect()) {
            amqp.publishRaw("metric.broken.x", body.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Object> parked = awaitParked(body);
        assertEquals("rejected", parked.get("reason"));
        assertEquals("metric.broken.x", parked.get("routingKey"));
        assertEquals(Topology.parkingQueue(Topology.ALERT_METRICS_QUEUE), parked.get("queue"));
        assertTrue(String.valueOf(parked.get("error")).contains("not a metric event"), String.valueOf(parked.get("error")));
        assertTrue(parked.get("headers").toString().contains("x-death"), parked.get("headers").toString());

        given().when().post("/api/v1/parked/" + parked.get("id") + "/replay")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("/body"));
    }

    @Test
    void anEventOfAnotherTypeIsParked() {
        String body = new String(EventCodec.encode(io.flowwatch.events.Event.of(java.util.UUID.randomUUID(), "test",
                Instant.now(), new io.flowwatch.events.AlertTransition("r", "n", "s", "firing", "info", Instant.now(),
                        "m", Map.of()))), StandardCharsets.UTF_8);
        try (Amqp amqp = Amqp.connect()) {
            amqp.publishRaw("metric.wrong.type", body.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Object> parked = awaitParked(body);
        assertTrue(String.valueOf(parked.get("error")).contains("expected a flowwatch.metric.v1 event"));
    }

    /** A message parked while it could not be processed (e.g. the database was away) is evaluated on replay. */
    @Test
    void aParkedMessageThatCanBeProcessedNowIsReplayed() throws Exception {
        given().contentType(ContentType.JSON).body("""
                        {"name":"replayed","metric":"liquidation.window","scope":"replay:long@4h",
                         "condition":{"type":"threshold","op":"gt","value":1},"severity":"info","channels":[]}""")
                .when().put("/api/v1/rules/replay-test")
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        MetricUpdate update = new MetricUpdate("liquidation.window", "replay:long@4h", null, Instant.now(),
                new BigDecimal("5"), Map.of());
        byte[] body = EventCodec.encode(SeedWeekUpdates.event(update));
        // straight into the parking queue, as the broker dead-letters a rejected message
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(Integer.parseInt(System.getenv().getOrDefault("FLOWWATCH_AMQP_PORT", "36672")));
        factory.setUsername("flowwatch");
        factory.setPassword("flowwatch");
        factory.setVirtualHost(Amqp.VHOST);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(Topology.DEAD_LETTER_EXCHANGE, Topology.ALERT_METRICS_QUEUE,
                    new AMQP.BasicProperties.Builder().contentType("application/json").headers(Map.of(
                            "x-first-death-reason", "rejected")).build(), body);
            channel.waitForConfirmsOrDie(10_000);
        }
        Map<String, Object> parked = awaitParked(new String(body, StandardCharsets.UTF_8));

        given().when().post("/api/v1/parked/" + parked.get("id") + "/replay")
                .then().log().ifValidationFails()
                .statusCode(200).body("status", equalTo("replayed")).body("detail", containsString("1 notification"));
        given().queryParam("rule", "replay-test").when().get("/api/v1/alerts")
                .then().statusCode(200).body("findAll { it.kind == 'notification' }.size()", equalTo(1));
        List<Object> stillParked = given().when().get("/api/v1/parked").then().extract().jsonPath()
                .getList("findAll { it.id == '" + parked.get("id") + "' }");
        assertTrue(stillParked.isEmpty(), "a replayed message leaves the parked list");
        given().queryParam("all", true).when().get("/api/v1/parked")
                .then().body("find { it.id == '" + parked.get("id") + "' }.status", equalTo("replayed"));
    }
}
