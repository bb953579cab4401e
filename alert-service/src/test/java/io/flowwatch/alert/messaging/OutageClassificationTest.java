package io.flowwatch.alert.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Which evaluation failures are a database outage (waited out in place) rather than a reason to park. */
class OutageClassificationTest {

    private static PgException pg(String sqlState) {
        return new PgException("failed", "FATAL", sqlState, null);
    }

    @Test
    void anUnreachableDatabaseIsAnOutage() {
        assertTrue(MetricConsumer.isOutage(new RuntimeException(new ConnectException("Connection refused"))));
        assertTrue(MetricConsumer.isOutage(pg("57P03"))); // the database system is starting up / shutting down
        assertTrue(MetricConsumer.isOutage(pg("08006"))); // connection failure
        assertTrue(MetricConsumer.isOutage(pg("53300"))); // too many connections
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(MetricConsumer.isOutage(pg("22003"))); // numeric value out of range
        assertFalse(MetricConsumer.isOutage(pg("40001"))); // serialization failure
        assertFalse(MetricConsumer.isOutage(new IllegalStateException("no such rule")));
    }
}
