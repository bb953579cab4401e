package io.flowwatch.analytics.messaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The connector's hand-over buffer holds what the broker may push at once after a reconnect (a smaller one ends the
 * stream with BackPressureFailure): events' HandOverBuffer, observed by every service, sized it before the channels
 * started.
 */
@QuarkusTest
class HandOverBufferTest {

    @ConfigProperty(name = "mp.messaging.incoming.events-in.max-outstanding-messages")
    int prefetch;

    @Test
    void theRunningServiceHandsOverFourPrefetches() {
        assertTrue(Infrastructure.getBufferSizeS() >= 4 * prefetch,
                "hand-over buffer " + Infrastructure.getBufferSizeS() + " < 4 x prefetch " + prefetch);
    }
}
