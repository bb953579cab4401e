package io.flowwatch.alert.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.alert.support.ServersResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a restart in the middle of delivering leaves behind, recreated in the outbox: a row a dead worker had claimed
 * (its lease ran out) is sent by the running worker, once; a row whose delivery was committed is never sent again.
 */
@QuarkusTest
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
class RestartRecoveryTest {

    @Inject
    Pool pool;

    private void insert(UUID notification, UUID delivery, String status, String leaseOffset) {
        pool.withTransaction(c -> c.preparedQuery("""
                                insert into notification (id, rule_id, rule_name, series, kind, episode, at, severity,
                                    labels, channels, message, value, metric, scope, date, context, status)
                                values ($1, 'restart-test', 'restart test', 'liquidation.window/restart@4h', 'firing', 1,
                                    now(), 'info', '{}'::jsonb, '["restart-hook"]'::jsonb, 'restart', 5,
                                    'liquidation.window', 'restart@4h', null, '{}'::jsonb, 'queued')""")
                        .execute(Tuple.of(notification))
                        .chain(() -> c.preparedQuery("""
                                        insert into delivery (id, channel_id, group_key, status, attempts, first_attempt_at,
                                            next_attempt_at, claim, delivered_at)
                                        values ($1, 'restart-hook', '{rule=restart-test}', $2, 0, now(),
                                            now() + $3::text::interval, $4, case when $2 = 'delivered' then now() end)""")
                                .execute(Tuple.of(delivery, status, leaseOffset, UUID.randomUUID())))
                        .chain(() -> c.preparedQuery("insert into delivery_member (delivery_id, notification_id) values ($1, $2)")
                                .execute(Tuple.of(delivery, notification))))
                .await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void aClaimedButUnfinishedDeliveryIsSentOnceAndADeliveredOneNever() {
        ServersResource.wireMock().stubFor(post(urlPathEqualTo("/hooks/restart")).willReturn(aResponse().withStatus(200)));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "url", ServersResource.url("/hooks/restart")))
                .when().put("/api/v1/channels/restart-hook")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.equalTo(200),
                        org.hamcrest.Matchers.equalTo(201)));
        UUID interrupted = UUID.randomUUID();
        UUID acknowledged = UUID.randomUUID();
        // a worker died while sending this one; its lease ran out a second ago
        insert(interrupted, UUID.randomUUID(), "sending", "-1 second");
        // this one the receiver had acknowledged and the worker had committed
        insert(acknowledged, UUID.randomUUID(), "delivered", "-1 second");

        await().atMost(Duration.ofSeconds(30)).until(() -> !ServersResource.wireMock()
                .findAll(postRequestedFor(urlPathEqualTo("/hooks/restart"))).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> ServersResource.wireMock()
                .findAll(postRequestedFor(urlPathEqualTo("/hooks/restart"))).size() == 1);
        assertEquals(1, ServersResource.wireMock().findAll(postRequestedFor(urlPathEqualTo("/hooks/restart"))
                .withHeader("webhook-id", equalTo(interrupted.toString()))).size());
        assertEquals(0, ServersResource.wireMock().findAll(postRequestedFor(urlPathEqualTo("/hooks/restart"))
                .withHeader("webhook-id", equalTo(acknowledged.toString()))).size());
    }
}
