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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.flowwatch.alert.domain.StandardWebhookSigner;
import io.flowwatch.alert.support.Amqp;
import io.flowwatch.alert.support.SeedWeekUpdates;
import io.flowwatch.alert.support.ServersResource;
import io.flowwatch.events.MetricUpdate;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * With a group wait, alerts of one group that fire together go out as one signed webhook listing all of them; with an
 * inhibit rule, a firing critical alert mutes the warnings about the same asset.
 */
@QuarkusTest
@TestProfile(GroupingAndInhibitionTest.GroupWait.class)
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
class GroupingAndInhibitionTest {

    public static class GroupWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flowwatch.alert.group-wait", "2s", "flowwatch.alert.group-by", "asset",
                    "flowwatch.alert.inhibit.critical-mutes-warning.source", "severity=critical",
                    "flowwatch.alert.inhibit.critical-mutes-warning.target", "severity=warning",
                    "flowwatch.alert.inhibit.critical-mutes-warning.equal", "asset");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoAlertsOfOneAssetMakeOneWebhook() {
        ServersResource.wireMock().stubFor(post(urlPathEqualTo("/hooks/grouped")).willReturn(aResponse().withStatus(200)));
        String secret = given().contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "url", ServersResource.url("/hooks/grouped")))
                .when().put("/api/v1/channels/grouped-hook")
                .then().statusCode(201).extract().path("secret");
        for (String id : List.of("grouping-above-1", "grouping-above-2")) {
            given().contentType(ContentType.JSON).body("""
                            {"name":"%s","metric":"liquidation.window","scope":"grouping:long@4h",
                             "condition":{"type":"threshold","op":"gt","value":%s},"severity":"warning",
                             "labels":{"asset":"GRP"},"channels":["grouped-hook"]}"""
                            .formatted(id, id.endsWith("1") ? "1" : "2"))
                    .when().put("/api/v1/rules/" + id)
                    .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        }
        try (Amqp amqp = Amqp.connect()) {
            amqp.publishMetrics(List.of(SeedWeekUpdates.event(new MetricUpdate("liquidation.window", "grouping:long@4h",
                    null, Instant.now(), new BigDecimal("5"), Map.of("window", "4h")))));
        }

        List<LoggedRequest> requests = await().atMost(Duration.ofSeconds(30))
                .until(() -> ServersResource.wireMock().findAll(postRequestedFor(urlPathEqualTo("/hooks/grouped"))),
                        list -> !list.isEmpty());
        LoggedRequest request = requests.getFirst();
        JsonPath body = JsonPath.from(request.getBodyAsString());
        assertEquals("alert.group", body.getString("type"));
        assertEquals("GRP", body.getString("groupKey.asset"));
        assertEquals(Set.of("grouping-above-1", "grouping-above-2"),
                Set.copyOf(body.getList("alerts.rule.id", String.class)));
        assertEquals(body.getString("id"), request.getHeader("webhook-id"));
        assertTrue(new StandardWebhookSigner(secret).verify(request.getHeader("webhook-id"),
                Long.parseLong(request.getHeader("webhook-timestamp")), request.getBodyAsString(),
                request.getHeader("webhook-signature"), request.getLoggedDate().toInstant()));

        // both notifications share that one delivery
        List<Map<String, Object>> notifications = given().when().get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.kind == 'notification' && it.ruleId.startsWith('grouping-') }");
        assertEquals(2, notifications.size());
        Set<Object> deliveries = notifications.stream()
                .flatMap(n -> ((List<Map<String, Object>>) n.get("deliveries")).stream().map(d -> d.get("id")))
                .collect(Collectors.toSet());
        assertEquals(1, deliveries.size(), "one delivery for the group: " + notifications);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> ServersResource.wireMock()
                .findAll(postRequestedFor(urlPathEqualTo("/hooks/grouped"))).size() == 1);
    }

    @Test
    void aFiringCriticalAlertInhibitsTheWarningsAboutTheSameAsset() {
        ServersResource.wireMock().stubFor(post(urlPathEqualTo("/hooks/inhibit")).willReturn(aResponse().withStatus(200)));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "url", ServersResource.url("/hooks/inhibit")))
                .when().put("/api/v1/channels/inhibit-hook")
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        rule("inhibit-critical", "inhibit:critical@4h", "critical", "INH");
        rule("inhibit-warning", "inhibit:warning@4h", "warning", "INH");
        rule("inhibit-other-asset", "inhibit:other@4h", "warning", "OTHER");
        try (Amqp amqp = Amqp.connect()) {
            amqp.publishMetrics(List.of(liquidations("inhibit:critical@4h")));
            amqp.publishMetrics(List.of(liquidations("inhibit:warning@4h"), liquidations("inhibit:other@4h")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf("inhibit-warning") != null
                && statusOf("inhibit-other-asset") != null);
        assertEquals("queued", statusOf("inhibit-critical"));
        assertEquals("inhibited", statusOf("inhibit-warning"));
        assertEquals("queued", statusOf("inhibit-other-asset"), "another asset is not muted");
    }

    private static void rule(String id, String scope, String severity, String asset) {
        given().contentType(ContentType.JSON).body("""
                        {"name":"%s","metric":"liquidation.window","scope":"%s",
                         "condition":{"type":"threshold","op":"gt","value":1},"severity":"%s",
                         "labels":{"asset":"%s"},"channels":["inhibit-hook"]}""".formatted(id, scope, severity, asset))
                .when().put("/api/v1/rules/" + id)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    private static io.flowwatch.events.Event<MetricUpdate> liquidations(String scope) {
        return SeedWeekUpdates.event(new MetricUpdate("liquidation.window", scope, null, Instant.now(),
                new BigDecimal("5"), Map.of("window", "4h")));
    }

    private static String statusOf(String ruleId) {
        List<String> statuses = given().queryParam("rule", ruleId).when().get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.kind == 'notification' }.status", String.class);
        return statuses.isEmpty() ? null : statuses.getFirst();
    }
}
