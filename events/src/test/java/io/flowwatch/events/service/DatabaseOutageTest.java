package io.flowwatch.events.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which consumer failures are a database outage (waited out in place) rather than a reason to park. */
class DatabaseOutageTest {

    private static PgException pg(String sqlState) {
        return new PgException("failed", "FATAL", sqlState, null);
    }

    @Test
    void anUnreachableDatabaseIsAnOutage() {
        assertTrue(DatabaseOutage.isOutage(new RuntimeException(new ConnectException("Connection refused"))));
        assertTrue(DatabaseOutage.isOutage(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseOutage.isOutage(new TimeoutException("no connection within 30 s")));
        assertTrue(DatabaseOutage.isOutage(pg("57P03"))); // the database system is starting up / shutting down
        assertTrue(DatabaseOutage.isOutage(pg("57P01"))); // admin shutdown
        assertTrue(DatabaseOutage.isOutage(pg("08006"))); // connection failure
        assertTrue(DatabaseOutage.isOutage(pg("53300"))); // too many connections
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseOutage.isOutage(pg("22003"))); // numeric value out of range
        assertFalse(DatabaseOutage.isOutage(pg("40001"))); // serialization failure
        assertFalse(DatabaseOutage.isOutage(new PgException("failed", "ERROR", null, null)));
        assertFalse(DatabaseOutage.isOutage(new IllegalStateException("no such rule")));
    }

    @Test
    void theWaitDoublesFromHalfASecondUpToThirtySeconds() {
        assertEquals(Duration.ofMillis(500), DatabaseOutage.backoff(0));
        assertEquals(Duration.ofSeconds(1), DatabaseOutage.backoff(1));
        assertEquals(Duration.ofSeconds(16), DatabaseOutage.backoff(5));
        assertEquals(Duration.ofSeconds(30), DatabaseOutage.backoff(6));
        assertEquals(Duration.ofSeconds(30), DatabaseOutage.backoff(1_000));
    }
}
