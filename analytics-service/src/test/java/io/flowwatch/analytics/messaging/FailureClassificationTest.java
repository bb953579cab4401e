package io.flowwatch.analytics.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.analytics.service.PermanentEventException;
import io.flowwatch.events.EventFormatException;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

/** Which failures park a message at once and which are retried through the queue (outages: events DatabaseOutageTest). */
class FailureClassificationTest {

    private static PgException pg(String sqlState) {
        return new PgException("failed", "ERROR", sqlState, null);
    }

    @Test
    void badDataIsPermanent() {
        assertTrue(EventConsumer.isPermanent(new PermanentEventException("conflicting flow figure")));
        assertTrue(EventConsumer.isPermanent(new RuntimeException(new EventFormatException("/type", "unknown type"))));
        assertTrue(EventConsumer.isPermanent(pg("22003"))); // numeric value out of range
        assertTrue(EventConsumer.isPermanent(pg("23514"))); // check violation
        assertFalse(EventConsumer.isPermanent(pg("40001"))); // serialization failure: try again
        assertFalse(EventConsumer.isPermanent(new IllegalStateException("something else")));
    }
}
