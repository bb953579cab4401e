package io.flowwatch.ingest.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.ingest.messaging.OutboxRelay;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class RelayLivenessCheckTest {

    private static OutboxRelay.Status status(boolean connected, int unconfirmedRounds) {
        return new OutboxRelay.Status(1200, 10568, Instant.parse("2026-11-27T00:39:44Z"), 1,
                "event … (outbox seq 10569) not confirmed: no confirm within PT15S", Instant.parse("2026-11-27T00:40:00Z"),
                null, connected, unconfirmedRounds);
    }

    @Test
    void roundsWithoutConfirmsOnAConnectedChannelAreAStall() {
        HealthCheckResponse response = new RelayLivenessCheck(() -> status(true, 4), 4).call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(4L, response.getData().orElseThrow().get("unconfirmedRounds"));
    }

    @Test
    void fewerRoundsThanTheLimitAreNot() {
        assertEquals(HealthCheckResponse.Status.UP, new RelayLivenessCheck(() -> status(true, 3), 4).call().getStatus());
    }

    @Test
    void aBrokerThatIsDownIsNotAStallOfTheRelay() {
        assertEquals(HealthCheckResponse.Status.UP, new RelayLivenessCheck(() -> status(false, 9), 4).call().getStatus());
    }
}
