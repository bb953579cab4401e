package io.flowwatch.analytics.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.analytics.testing.Api;
import io.flowwatch.analytics.testing.TestBroker;
import io.flowwatch.events.Event;
import io.flowwatch.events.Quote;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * /q/metrics has the series deploy/grafana/flowwatch.json reads (events in per type, batch sizes, metric updates out,
 * lag gauges, HTTP latency histogram), each tagged with the service; and a request's X-Request-Id is echoed.
 */
@QuarkusTest
class ConsumerMetricsTest {

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static boolean hasSeries(String metrics, String name, String... labels) {
        return metrics.lines().anyMatch(line -> {
            if (!line.startsWith(name + "{")) {
                return false;
            }
            for (String label : labels) {
                if (!line.contains(label)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void anAppliedEventShowsInTheConsumerMetrics() {
        try (TestBroker broker = TestBroker.connect()) {
            Api.reset(broker);
            Instant at = Instant.parse("2026-01-29T21:00:00Z");
            broker.publish(Event.of(UUID.randomUUID(), "coingecko", at.plusSeconds(5),
                    new Quote("MX" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(), at,
                            new BigDecimal("1.25"), null)));
            Api.awaitProcessed(1);
        }
        String service = "service=\"analytics-service\"";
        String metrics = metrics();
        assertTrue(hasSeries(metrics, "flowwatch_analytics_metrics_published_total", service), metrics);
        assertTrue(hasSeries(metrics, "flowwatch_analytics_events_total", service, "type=\"flowwatch.quote.v1\""), metrics);
        assertTrue(hasSeries(metrics, "flowwatch_analytics_batch_size_bucket", service, "le=\"1.0\""), metrics);
        assertTrue(hasSeries(metrics, "flowwatch_analytics_queue_ready", service), metrics);
        assertTrue(hasSeries(metrics, "flowwatch_analytics_queue_parked", service), metrics);
        assertTrue(hasSeries(metrics, "flowwatch_analytics_outbox_depth", service), metrics);
    }

    @Test
    void requestsAreTimedAsAHistogramAndTheirIdIsEchoed() {
        given().header("X-Request-Id", "req-analytics-1")
                .when().get("/api/v1/metrics?limit=1")
                .then().statusCode(200).header("X-Request-Id", equalTo("req-analytics-1"));
        String metrics = metrics();
        assertTrue(hasSeries(metrics, "http_server_requests_seconds_bucket", "service=\"analytics-service\"",
                "uri=\"/api/v1/metrics\""), metrics);
    }
}
