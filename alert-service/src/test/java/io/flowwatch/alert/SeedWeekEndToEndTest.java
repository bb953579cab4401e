package io.flowwatch.alert;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.flowwatch.alert.domain.StandardWebhookSigner;
import io.flowwatch.alert.support.Amqp;
import io.flowwatch.alert.support.SeedWeekAlerts;
import io.flowwatch.alert.support.SeedWeekUpdates;
import io.flowwatch.alert.support.ServersResource;
import io.flowwatch.events.AlertTransition;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.MetricUpdate;
import io.flowwatch.events.Topology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed week end to end: the metric updates analytics would publish go onto flowwatch.metrics in the test vhost;
 * the demo rule set must raise exactly the README's alerts, each delivered once per id by a signed webhook (after
 * the receiver failed it twice) and by e-mail, and announced on flowwatch.alerts. Publishing everything again must
 * change nothing.
 */
@QuarkusTest
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedWeekEndToEndTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    private static final String SENTINEL_RULE = "e2e-sentinel";
    private static final String SENTINEL_SCOPE = "e2e-sentinel@1h";

    private static Amqp amqp;
    private static String alertsQueue;
    private static final List<Event<AlertTransition>> published = new ArrayList<>();

    @ConfigProperty(name = "flowwatch.alert.demo.webhook-secret")
    String secret;

    @BeforeAll
    static void listen() {
        amqp = Amqp.connect();
        alertsQueue = amqp.listen(Topology.ALERTS_EXCHANGE, "alert.#");
    }

    @AfterAll
    static void close() {
        amqp.close();
    }

    @Test
    @Order(1)
    void theDemoRuleSetRaisesExactlyTheReadmeAlertsEachDeliveredOnceByWebhookAndEmail() throws Exception {
        given().when().post("/api/v1/rules/demo")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("rules", hasSize(7))
                .body("channels.id", hasItems("demo-webhook", "demo-email"));
        // installing again changes nothing and shows no secret (it was shown when the channel was created)
        given().when().post("/api/v1/rules/demo")
                .then().statusCode(200)
                .body("rules", hasSize(7))
                .body("channels.find { it.id == 'demo-webhook' }.secret", org.hamcrest.Matchers.nullValue());
        given().when().get("/api/v1/rules/gold-down-3pct-24h")
                .then().statusCode(200)
                .body("keepFiringFor", org.hamcrest.Matchers.equalTo("PT6H"))
                .body("channels", org.hamcrest.Matchers.contains("demo-webhook", "demo-email"));
        installSentinel();

        long started = System.nanoTime();
        List<Event<MetricUpdate>> updates = SeedWeekUpdates.all();
        amqp.publishMetrics(updates);
        publishSentinel(1, "1");
        awaitSentinelTransitions(1);
        System.out.printf("seed week: %d metric updates evaluated in %d ms%n", updates.size() + 1,
                (System.nanoTime() - started) / 1_000_000);

        int expected = SeedWeekAlerts.count();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<JsonPath> notifications = demoNotifications();
            assertEquals(expected, notifications.size());
            for (JsonPath n : notifications) {
                assertEquals(List.of("delivered", "delivered"), n.getList("deliveries.status"), n.prettify());
            }
        });

        // exactly the README's table
        List<JsonPath> notifications = demoNotifications();
        Map<String, List<String>> fired = new TreeMap<>();
        for (JsonPath n : notifications) {
            String date = n.getString("date") != null ? n.getString("date")
                    : LocalDate.ofInstant(Instant.parse(n.getString("at")), ZoneOffset.UTC).toString();
            fired.computeIfAbsent(n.getString("ruleId"), k -> new ArrayList<>()).add(date);
            assertEquals("queued", n.getString("status"));
            assertEquals("alert.firing", n.getString("type"));
        }
        fired.values().forEach(java.util.Collections::sort);
        assertEquals(new TreeMap<>(SeedWeekAlerts.EXPECTED), fired);
        Set<String> notificationIds = notifications.stream().map(n -> n.getString("id")).collect(Collectors.toSet());
        assertEquals(expected, notificationIds.size());

        // the record alert reads like the news
        JsonPath record = notifications.stream()
                .filter(n -> n.getString("ruleId").equals("btc-daily-outflow-record-60d") && "2026-01-29".equals(n.getString("date")))
                .findFirst().orElseThrow();
        assertEquals(SeedWeekAlerts.RECORD_MESSAGE, record.getString("message"));

        // webhooks: per id two 500s, then one 200, nothing after; every request signed per Standard Webhooks
        StandardWebhookSigner signer = new StandardWebhookSigner(secret);
        Map<String, List<ServeEvent>> byId = webhookRequests();
        assertEquals(notificationIds, byId.keySet());
        for (var entry : byId.entrySet()) {
            List<Integer> statuses = entry.getValue().stream().map(e -> e.getResponse().getStatus()).toList();
            assertEquals(List.of(500, 500, 200), statuses, "webhook " + entry.getKey());
            for (ServeEvent event : entry.getValue()) {
                var request = event.getRequest();
                assertTrue(signer.verify(request.getHeader("webhook-id"), Long.parseLong(request.getHeader("webhook-timestamp")),
                        request.getBodyAsString(), request.getHeader("webhook-signature"),
                        request.getLoggedDate().toInstant()), // as the receiver checks it when it arrives
                        "signature of " + entry.getKey());
                JsonPath body = JsonPath.from(request.getBodyAsString());
                assertEquals(entry.getKey(), body.getString("id"));
                assertEquals("alert.firing", body.getString("type"));
                assertEquals("firing", body.getString("state"));
                assertTrue(body.getString("rule.name") != null && body.getString("message") != null);
            }
        }
        JsonPath recordBody = JsonPath.from(byId.get(record.getString("id")).getLast().getRequest().getBodyAsString());
        assertEquals(SeedWeekAlerts.RECORD_MESSAGE, recordBody.getString("message"));
        assertEquals("2025-11-20", recordBody.getString("context.recordSince"));
        assertEquals(0, new BigDecimal("-817900000").compareTo(new BigDecimal(recordBody.getString("value"))));

        // the history shows every attempt with its outcome
        for (JsonPath n : notifications) {
            Map<String, Object> webhook = n.getList("deliveries", Map.class).stream()
                    .filter(d -> d.get("channel").equals("demo-webhook")).findFirst().orElseThrow();
            List<Map<String, Object>> attempts = (List<Map<String, Object>>) webhook.get("attemptLog");
            assertEquals(List.of("failed", "failed", "delivered"), attempts.stream().map(a -> a.get("outcome")).toList());
            assertEquals(200, attempts.getLast().get("statusCode"));
            assertTrue(attempts.getFirst().get("error") != null, "a failed attempt says why");
        }

        // e-mail: one per notification, Message-ID derived from its id
        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertEquals(expected, mails.length);
        Set<String> messageIds = new HashSet<>();
        for (MimeMessage mail : mails) {
            messageIds.add(mail.getMessageID());
        }
        assertEquals(notificationIds.stream().map(id -> "<" + id + ".demo-email@flowwatch.alert>").collect(Collectors.toSet()),
                messageIds);
        MimeMessage recordMail = java.util.Arrays.stream(mails)
                .filter(m -> messageId(m).startsWith("<" + record.getString("id")))
                .findFirst().orElseThrow();
        assertEquals("[flowwatch] FIRING WARNING: BTC spot ETF daily outflow the largest in at least 60 days",
                recordMail.getSubject());
        Multipart parts = (Multipart) recordMail.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(text.contains(SeedWeekAlerts.RECORD_MESSAGE), text);
        assertTrue(html.contains("<html") && html.contains("net outflow of $817.9M on 2026-01-29"), html);

        // the transitions went out on flowwatch.alerts, one firing event per alert, with the history's ids
        Set<String> firingTransitionIds = given().queryParam("state", "firing").queryParam("limit", 10000)
                .when().get("/api/v1/alerts").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.kind == 'transition' && it.ruleId != '" + SENTINEL_RULE + "' }.id", String.class)
                .stream().collect(Collectors.toSet());
        assertEquals(expected, firingTransitionIds.size());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            drainTransitions();
            Set<String> firingEvents = published.stream()
                    .filter(e -> e.data().state().equals("firing") && !e.data().ruleId().equals(SENTINEL_RULE))
                    .map(e -> e.id().toString()).collect(Collectors.toSet());
            assertEquals(firingTransitionIds, firingEvents);
        });
        Event<AlertTransition> recordEvent = published.stream()
                .filter(e -> e.data().ruleId().equals("btc-daily-outflow-record-60d")
                        && e.data().series().endsWith("@2026-01-29"))
                .findFirst().orElseThrow();
        assertEquals(SeedWeekAlerts.RECORD_MESSAGE, recordEvent.data().message());
        assertEquals("alert.firing.btc-daily-outflow-record-60d", recordEvent.routingKey());
    }

    @Test
    @Order(2)
    void publishingEverythingAgainChangesNothing() throws Exception {
        int notificationsBefore = demoNotifications().size();
        int webhooksBefore = ServersResource.wireMock().getAllServeEvents().size();
        int mailsBefore = greenMail.getReceivedMessages().length;
        long transitionsBefore = history().stream().filter(e -> e.get("kind").equals("transition")).count();

        amqp.publishMetrics(SeedWeekUpdates.all());
        publishSentinel(2, "-1"); // resolves the sentinel: once that is seen, everything before it was evaluated
        awaitSentinelTransitions(2);
        Thread.sleep(1500); // give a (wrong) delivery the time to happen

        assertEquals(notificationsBefore, demoNotifications().size());
        assertEquals(webhooksBefore, ServersResource.wireMock().getAllServeEvents().size());
        assertEquals(mailsBefore, greenMail.getReceivedMessages().length);
        assertEquals(transitionsBefore + 1, history().stream().filter(e -> e.get("kind").equals("transition")).count(),
                "only the sentinel moved");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static void installSentinel() {
        given().contentType(ContentType.JSON).body("""
                        {"id":"%s","name":"end of the queue","metric":"quote.change","scope":"%s",
                         "condition":{"type":"threshold","op":"gt","value":0},"severity":"info","channels":[]}"""
                        .formatted(SENTINEL_RULE, SENTINEL_SCOPE))
                .when().put("/api/v1/rules/" + SENTINEL_RULE)
                .then().statusCode(201);
    }

    /** An update behind everything published before it (the queue is consumed in order). */
    private static void publishSentinel(int n, String value) {
        MetricUpdate update = new MetricUpdate("quote.change", SENTINEL_SCOPE, null,
                Instant.parse("2030-01-01T00:00:00Z").plusSeconds(n), new BigDecimal(value), Map.of());
        amqp.publishMetrics(List.of(SeedWeekUpdates.event(update)));
    }

    private static void awaitSentinelTransitions(int count) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> given()
                .queryParam("rule", SENTINEL_RULE).when().get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.kind == 'transition' }").size() == count);
    }

    private static List<Map<String, Object>> history() {
        return given().queryParam("limit", 10000).when().get("/api/v1/alerts")
                .then().statusCode(200).extract().jsonPath().getList("");
    }

    private static List<JsonPath> demoNotifications() {
        String json = given().queryParam("limit", 10000).when().get("/api/v1/alerts")
                .then().statusCode(200).extract().asString();
        JsonPath all = JsonPath.from(json);
        List<JsonPath> notifications = new ArrayList<>();
        List<Map<String, Object>> entries = all.getList("");
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> entry = entries.get(i);
            if (entry.get("kind").equals("notification") && SeedWeekAlerts.EXPECTED.containsKey(entry.get("ruleId"))) {
                notifications.add(JsonPath.from(json).setRootPath("[" + i + "]"));
            }
        }
        return notifications;
    }

    private static Map<String, List<ServeEvent>> webhookRequests() {
        Map<String, List<ServeEvent>> byId = new HashMap<>();
        List<ServeEvent> events = new ArrayList<>(ServersResource.wireMock().getAllServeEvents());
        events.sort(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        for (ServeEvent event : events) {
            if (event.getRequest().getUrl().equals(ServersResource.DEMO_PATH)) {
                byId.computeIfAbsent(event.getRequest().getHeader("webhook-id"), k -> new ArrayList<>()).add(event);
            }
        }
        return byId;
    }

    @SuppressWarnings("unchecked")
    private static void drainTransitions() {
        for (byte[] body : amqp.drain(alertsQueue)) {
            published.add((Event<AlertTransition>) EventCodec.decode(body));
        }
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
