package io.flowwatch.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/** Body limits per endpoint, and the bytes of bodies received at once. */
class RequestBodiesTest {

    private final RequestBodies bodies = new RequestBodies(1_000, 100, 1_500);

    @Test
    void pushesAndImportsTakeLargeBodiesEverythingElseSmallOnes() {
        assertEquals(new RequestBodies.Admitted(1_000), bodies.admit("/api/v1/events", 1_000));
        bodies.release(1_000);
        assertEquals(new RequestBodies.TooLarge(1_000, 1_001), bodies.admit("/api/v1/imports", 1_001));
        assertEquals(new RequestBodies.TooLarge(100, 101), bodies.admit("/api/v1/rules", 101));
        assertEquals(new RequestBodies.TooLarge(100, 101), bodies.admit("/api/v1/events/x", 101));
        assertEquals(0, bodies.bytesInFlight(), "refused bodies reserve nothing");
    }

    @Test
    void aChunkedBodyCountsAsTheLargestTheEndpointTakesAndNoBodyAsNothing() {
        assertEquals(new RequestBodies.Admitted(1_000), bodies.admit("/api/v1/events", -1));
        assertEquals(new RequestBodies.Admitted(100), bodies.admit("/api/v1/rules", -1));
        assertEquals(new RequestBodies.Admitted(0), bodies.admit("/api/v1/rules", 0));
        assertEquals(1_100, bodies.bytesInFlight());
    }

    @Test
    void aBodyThatDoesNotFitBesideThoseInFlightIsBusyUntilOneIsReleased() {
        bodies.admit("/api/v1/events", 1_000);
        bodies.admit("/api/v1/imports", 500);
        RequestBodies.Busy busy = assertInstanceOf(RequestBodies.Busy.class, bodies.admit("/api/v1/rules", 1));
        assertEquals(1_500, busy.bytesInFlight());
        assertEquals(1_500, busy.maxInFlight());

        bodies.release(500);
        assertEquals(new RequestBodies.Admitted(1), bodies.admit("/api/v1/rules", 1));
        assertEquals(1_001, bodies.bytesInFlight());
    }

    @Test
    void oneBodyAlwaysFitsWhenNoneIsInFlight() {
        RequestBodies tight = new RequestBodies(1_000, 100, 10);
        assertEquals(new RequestBodies.Admitted(1_000), tight.admit("/api/v1/events", 1_000));
        assertInstanceOf(RequestBodies.Busy.class, tight.admit("/api/v1/events", 1));
    }
}
