package io.flowwatch.events.service;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Which failures mean the database cannot be reached, for the consumers that wait an outage out instead of parking. */
public final class DatabaseOutage {

    private DatabaseOutage() {}

    /** Refused, closed, timed out, shutting down or out of connections: waiting helps, parking would not. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                    || cause instanceof TimeoutException) {
                return true;
            }
            // 08xxx connection exceptions, 57P0x operator intervention (shutdown, restart), 53xxx out of resources
            if (cause instanceof PgException pg && pg.getSqlState() != null && (pg.getSqlState().startsWith("08")
                    || pg.getSqlState().startsWith("57P") || pg.getSqlState().startsWith("53"))) {
                return true;
            }
        }
        return false;
    }

    /** The wait before the {@code attempt}-th retry (from 0) during an outage: 0.5 s, 1 s, 2 s, … up to 30 s. */
    public static Duration backoff(int attempt) {
        return Duration.ofMillis(Math.min(30_000L, 500L << Math.min(attempt, 6)));
    }
}
