package io.flowwatch.ingest.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.ingest.support.Api;
import io.flowwatch.ingest.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The outbox does not keep every event ever relayed: sent rows older than flowwatch.relay.retention (7 days) go. */
@QuarkusTest
class OutboxCleanUpTest {

    @Inject
    OutboxRelay relay;

    @Inject
    DataSource dataSource;

    @Test
    void sentRowsOlderThanTheRetentionAreDeletedAndTheLogKeepsTheirEvents() throws Throwable {
        TestDb db = new TestDb(dataSource);
        String run = "cleanup-" + UUID.randomUUID().toString().substring(0, 8);
        UUID old = push(run, "2026-01-28T00:00:00Z");
        UUID recent = push(run, "2026-01-28T00:01:00Z");
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(db, old) && sent(db, recent));
        db.execute("UPDATE outbox SET sent_at = now() - interval '8 days' WHERE event_id = ?", old);
        db.execute("UPDATE outbox SET sent_at = now() - interval '6 days' WHERE event_id = ?", recent);

        int deleted = VertxContextSupport.subscribeAndAwait(relay::deleteOldSent);

        assertTrue(deleted >= 1, "deleted " + deleted);
        assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE event_id = ?", old), "sent 8 days ago: deleted");
        assertEquals(1, db.count("SELECT count(*) FROM outbox WHERE event_id = ?", recent), "sent 6 days ago: kept");
        assertEquals(2, db.count("SELECT count(*) FROM event_log WHERE id IN (?, ?)", old, recent),
                "the log keeps both events");
    }

    private static boolean sent(TestDb db, UUID event) {
        return db.count("SELECT count(*) FROM outbox WHERE event_id = ? AND sent_at IS NOT NULL", event) == 1;
    }

    private static UUID push(String source, String time) {
        String id = Api.push("{\"type\":\"flowwatch.quote.v1\",\"source\":\"" + source + "\",\"data\":{\"instrument\":"
                + "\"CLEANUP\",\"time\":\"" + time + "\",\"priceUsd\":1}}").then().statusCode(202)
                .extract().jsonPath().getString("ids[0]");
        return UUID.fromString(id);
    }
}
