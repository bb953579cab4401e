package io.flowwatch.ingest.messaging;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.ingest.support.Api;
import io.flowwatch.ingest.support.EventProbe;
import io.flowwatch.ingest.support.EventProbe.Received;
import io.flowwatch.events.testing.RabbitManagement;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * With the broker unreachable, ingest keeps answering 202 (the events are durable in PostgreSQL); once the broker
 * is back, every event arrives exactly once, in order per subject. The outage is made without touching the
 * shared server: the test vhost's connections are closed and new ones refused (a vhost connection limit of 0).
 */
@QuarkusTest
class BrokerOutageTest {

    private static final int BATCHES = 5;
    /** 1,250 events in all: more than two relay batches (500), so that the backlog goes out in several windows. */
    private static final int PER_BATCH = 250;
    private static final List<String> SUBJECTS = List.of("OUTA", "OUTB", "OUTC");

    private final RabbitManagement admin = new RabbitManagement(EventProbe.TEST_VHOST, "ingest-service broker outage test");

    @Test
    void acceptsWhileTheBrokerIsDownAndDeliversEverythingOnceInOrderAfterwards() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = "outage-" + run;
        String queue = "ingest-test-outage-" + run;
        EventProbe.declareQueue(queue, "quote.#");
        try {
            // The connection is up and has carried a message before the outage (as in production).
            try (EventProbe warmUp = EventProbe.open("quote.#")) {
                Api.push("{\"type\":\"flowwatch.quote.v1\",\"source\":\"warm-up-" + run + "\",\"data\":{\"instrument\":\"WARM\","
                        + "\"time\":\"2026-01-28T00:00:00Z\",\"priceUsd\":1}}").then().statusCode(202);
                await().atMost(Duration.ofSeconds(30)).until(() -> !warmUp.fromSource("warm-up-" + run).isEmpty());
            }
            admin.blockVhost();
            // The management API lists connections with a few seconds' delay: close what it lists until the
            // service has noticed that its connection is gone (the limit keeps it from coming back).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                admin.closeConnections();
                return !Api.given().when().get("/api/v1/ingest/stats").then().extract().jsonPath()
                        .getBoolean("relay.brokerConnected");
            });

            // Accepted while the broker is unreachable.
            Map<String, List<UUID>> sent = new LinkedHashMap<>();
            SUBJECTS.forEach(subject -> sent.put(subject, new ArrayList<>()));
            Instant base = Instant.parse("2026-01-28T00:00:00Z");
            for (int batch = 0; batch < BATCHES; batch++) {
                StringJoiner events = new StringJoiner(",", "[", "]");
                List<String> subjects = new ArrayList<>();
                for (int i = 0; i < PER_BATCH; i++) {
                    String subject = SUBJECTS.get(i % SUBJECTS.size()) + run.toUpperCase();
                    subjects.add(subject);
                    events.add("{\"type\":\"flowwatch.quote.v1\",\"source\":\"" + source + "\",\"data\":{\"instrument\":\""
                            + subject + "\",\"time\":\"" + base.plusSeconds(batch * PER_BATCH + i) + "\",\"priceUsd\":"
                            + (batch * PER_BATCH + i + 1) + "}}");
                }
                List<String> ids = Api.push(events.toString()).then().statusCode(202)
                        .body("accepted", equalTo(PER_BATCH)).extract().jsonPath().getList("ids", String.class);
                for (int i = 0; i < ids.size(); i++) {
                    sent.get(subjects.get(i).substring(0, 4)).add(UUID.fromString(ids.get(i)));
                }
            }
            int total = BATCHES * PER_BATCH;
            int depth = Api.given().when().get("/api/v1/ingest/stats").then().statusCode(200)
                    .extract().jsonPath().getInt("outbox.depth");
            assertTrue(depth >= total, "the events wait in the outbox: depth " + depth);
            Api.given().when().get("/q/health").then()
                    .body("checks.find { it.name == 'outbox-relay' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'outbox-relay' }.data.brokerConnected", equalTo(false));
            // The gauge and the health data follow the backlog (refreshed by the relay's scheduled rounds).
            await().atMost(Duration.ofSeconds(15)).until(() -> outboxDepthGauge() >= total);
            await().atMost(Duration.ofSeconds(15)).until(() -> Api.given().when().get("/q/health").then().extract()
                    .jsonPath().getInt("checks.find { it.name == 'outbox-relay' }.data.depth") >= total);

            // The broker is back.
            admin.unblockVhost();
            try (EventProbe probe = EventProbe.attach(queue)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> probe.fromSource(source).size() >= total);
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                        .until(() -> probe.fromSource(source).size() == total);
                List<Received> received = probe.fromSource(source);
                assertEquals(total, received.stream().map(Received::id).distinct().count(), "each event exactly once");
                Map<String, List<UUID>> arrived = received.stream().collect(Collectors.groupingBy(
                        r -> r.event().subject().substring(0, 4), LinkedHashMap::new,
                        Collectors.mapping(Received::id, Collectors.toList())));
                for (String subject : SUBJECTS) {
                    assertEquals(sent.get(subject), arrived.get(subject), "the order of " + subject);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> Api.given().when().get("/api/v1/ingest/stats")
                    .then().extract().jsonPath().getInt("outbox.depth") == 0);
        } finally {
            admin.unblockVhost();
            EventProbe.deleteQueue(queue);
        }
    }

    private static double outboxDepthGauge() {
        String metrics = Api.given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher gauge = Pattern.compile("(?m)^flowwatch_outbox_depth(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        return gauge.find() ? Double.parseDouble(gauge.group(1)) : -1;
    }
}
