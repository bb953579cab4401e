package io.flowwatch.ingest.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.ingest.messaging.EventPublisher;
import io.flowwatch.ingest.support.Api;
import io.flowwatch.ingest.support.EventProbe;
import io.flowwatch.ingest.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gateway's X-Request-Id: echoed, in the MDC of the lines logged for the request, and on the relayed events; and
 * the request's trace (W3C traceparent) continues on the relayed events although the relay publishes later.
 */
@QuarkusTest
class RequestIdTest {

    private static String instrument() {
        return "RQ" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    private static byte[] quotes(String instrument) {
        return ("time,instrument,price_usd,market_cap_usd\n2026-01-29T10:00:00Z," + instrument + ",1.5,\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theCallersIdIsEchoedLoggedAndSentWithTheEvents() {
        String requestId = "req-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String instrument = instrument();
        String source = "request-id-test-" + instrument.toLowerCase();
        try (LogCapture logs = LogCapture.start();
                EventProbe probe = EventProbe.open("quote." + instrument.toLowerCase() + ".#")) {
            // Not sampled (flags 00): the trace id travels all the same, and nothing is exported in tests.
            Api.given().header("X-Request-Id", requestId).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-00")
                    .contentType("text/csv").body(quotes(instrument))
                    .when().post("/api/v1/imports?format=quotes&source=" + source)
                    .then().statusCode(200).header("X-Request-Id", equalTo(requestId))
                    .body("eventsAccepted", equalTo(1));

            List<LogCapture.Line> summary = logs.containing("import quotes (source " + source + ")");
            assertFalse(summary.isEmpty(), "the import logs its summary");
            summary.forEach(line -> assertEquals(requestId, line.requestId(), line.message()));

            await().atMost(Duration.ofSeconds(30)).until(() -> probe.size() >= 1);
            EventProbe.Received message = probe.received().getFirst();
            assertEquals(requestId, message.header(EventPublisher.REQUEST_ID_HEADER));
            Object traceparent = message.header("traceparent");
            assertTrue(traceparent != null && traceparent.toString().startsWith("00-" + traceId + "-"),
                    "the message continues the request's trace: " + traceparent);
        }
    }

    @Test
    void withoutAnIdOrWithAnUnsafeOneANewIdIsMadeEchoedAndLogged() {
        for (String sent : new String[] {null, "bad id\twith spaces"}) {
            String instrument = instrument();
            String source = "request-id-test-" + instrument.toLowerCase();
            try (LogCapture logs = LogCapture.start()) {
                var request = Api.given().contentType("text/csv").body(quotes(instrument));
                if (sent != null) {
                    request = request.header("X-Request-Id", sent);
                }
                String echoed = request.when().post("/api/v1/imports?format=quotes&source=" + source)
                        .then().statusCode(200).extract().header("X-Request-Id");
                assertEquals(UUID.fromString(echoed).toString(), echoed, "a generated id is a UUID");
                List<LogCapture.Line> summary = logs.containing("import quotes (source " + source + ")");
                assertFalse(summary.isEmpty(), "the import logs its summary");
                summary.forEach(line -> assertEquals(echoed, line.requestId(), line.message()));
            }
        }
    }
}
