package io.flowwatch.gateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The branch the running gateway only passes for a moment at start-up: messaging not initialized yet. */
class LiveStreamHealthCheckTest {

    @Test
    void isDownWithAReasonBeforeMessagingIsInitialized() {
        HealthCheckResponse response = new LiveStreamHealthCheck(new HealthCenter()).call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(LiveStreamHealthCheck.NAME, response.getName());
        assertEquals("messaging not yet initialized", response.getData().orElseThrow().get("reason"));
    }
}
