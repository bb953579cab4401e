package io.flowwatch.ingest.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.events.messaging.ChannelRestart;
import io.flowwatch.events.testing.RabbitManagement;
import io.flowwatch.ingest.support.Api;
import io.flowwatch.ingest.support.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The relay's cure for confirms that stop arriving: {@link ChannelRestart} puts the events channel on a new broker
 * connection, and what is accepted afterwards is published and confirmed over it.
 */
@QuarkusTest
class ChannelRestartTest {

    private static final String CONNECTION = EventPublisher.CHANNEL + " (Outgoing)";

    @Inject
    ChannelRestart channelRestart;

    private final RabbitManagement admin = new RabbitManagement(EventProbe.TEST_VHOST, "ingest-service channel restart test");

    @Test
    void theChannelGetsANewConnectionAndPublishesOverIt() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (EventProbe probe = EventProbe.open("quote.#")) {
            push("before-" + run);
            await().atMost(Duration.ofSeconds(30)).until(() -> !probe.fromSource("before-" + run).isEmpty());
            List<String> before = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> admin.connectionsNamed(CONNECTION), list -> list.size() == 1);

            channelRestart.restart(EventPublisher.CHANNEL).await().atMost(Duration.ofSeconds(30));

            // The management API lists connections with a few seconds' delay.
            List<String> after = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> admin.connectionsNamed(CONNECTION), list -> list.size() == 1 && !list.equals(before));
            assertFalse(after.contains(before.getFirst()), "the old connection is closed");
            push("after-" + run);
            await().atMost(Duration.ofSeconds(30)).until(() -> !probe.fromSource("after-" + run).isEmpty());
            await().atMost(Duration.ofSeconds(30)).until(() -> Api.given().when().get("/api/v1/ingest/stats")
                    .then().extract().jsonPath().getInt("outbox.depth") == 0);
        }
    }

    @Test
    void aChannelWithoutAClientIsAClearFailure() {
        Throwable failure = channelRestart.restart("no-such-channel").onItem().transform(ignored -> (Throwable) null)
                .onFailure().recoverWithItem(e -> e).await().atMost(Duration.ofSeconds(5));
        assertNotNull(failure, "a restart of a channel that does not exist fails");
        assertTrue(failure.getMessage().contains("no-such-channel"), failure.getMessage());
    }

    private static void push(String source) {
        Api.push("{\"type\":\"flowwatch.quote.v1\",\"source\":\"" + source + "\",\"data\":{\"instrument\":\"RESTART\","
                + "\"time\":\"2026-01-28T00:00:00Z\",\"priceUsd\":1}}").then().statusCode(202);
    }
}
