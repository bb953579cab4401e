package io.flowwatch.analytics.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class MetricRelayLivenessCheckTest {

    @Test
    void roundsWithoutConfirmsOnAConnectedChannelAreAStall() {
        HealthCheckResponse response = new MetricRelayLivenessCheck(() -> 4, () -> true, 4).call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(4L, response.getData().orElseThrow().get("unconfirmedRounds"));
    }

    @Test
    void fewerRoundsThanTheLimitAreNot() {
        assertEquals(HealthCheckResponse.Status.UP, new MetricRelayLivenessCheck(() -> 3, () -> true, 4).call().getStatus());
    }

    @Test
    void aBrokerThatIsDownIsNotAStallOfTheRelay() {
        assertEquals(HealthCheckResponse.Status.UP, new MetricRelayLivenessCheck(() -> 9, () -> false, 4).call().getStatus());
    }
}
