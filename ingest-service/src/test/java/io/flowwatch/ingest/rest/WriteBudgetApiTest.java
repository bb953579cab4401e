package io.flowwatch.ingest.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.ingest.config.IngestConfig;
import io.flowwatch.ingest.service.WriteBudget;
import io.flowwatch.ingest.support.Api;
import io.flowwatch.ingest.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * While other writes hold the instance's row budget, a push or an import that does not fit is refused whole with a
 * 503 problem that says when to retry, and stores nothing; once they end, the same request is stored.
 */
@QuarkusTest
class WriteBudgetApiTest {

    @Inject
    WriteBudget budget;

    @Inject
    IngestConfig config;

    @Inject
    DataSource dataSource;

    @Test
    void aWriteThatDoesNotFitIsRefusedWithRetryAfterAndStoredOnceThereIsRoom() {
        TestDb db = new TestDb(dataSource);
        String source = "budget-" + UUID.randomUUID().toString().substring(0, 8);
        String push = IntStream.range(0, 10)
                .mapToObj(i -> "{\"type\":\"flowwatch.quote.v1\",\"source\":\"" + source + "\",\"data\":{\"instrument\":"
                        + "\"BTC\",\"time\":\"2026-01-28T10:0" + i + ":00Z\",\"priceUsd\":\"9000" + i + "\"}}")
                .collect(Collectors.joining(",", "{\"events\":[", "]}"));
        byte[] csv = ("time,instrument,price_usd,market_cap_usd\n" + IntStream.range(0, 10)
                .mapToObj(i -> "2026-01-28T11:0" + i + ":00Z,ETH,300" + i + ",")
                .collect(Collectors.joining("\n"))).getBytes(StandardCharsets.UTF_8);

        // Another write holds all but five rows of the budget and is still running.
        Cancellable other = budget.admit(config.maxRowsInFlight() - 5, "body", () -> Uni.createFrom().<String>nothing())
                .subscribe().with(item -> { });
        try {
            Api.push(push).then().statusCode(503)
                    .header("Retry-After", "2")
                    .contentType(containsString("application/problem+json"))
                    .body("type", equalTo("https://flowwatch.io/problems/busy"))
                    .body("errors[0].field", equalTo("body"))
                    .body("errors[0].reason", containsString("this request counts as "));
            Api.importFile("format=quotes&source=" + source, csv).then().statusCode(503)
                    .header("Retry-After", "2")
                    .body("errors[0].field", equalTo("body"));
            // reserved before the JSON is parsed (the tree is what costs the memory): 1 KB of broken JSON needs more
            // than the five rows left, and is refused unread, not a 400
            Api.push("{\"events\":[" + " ".repeat(1_000)).then().statusCode(503).header("Retry-After", "2");
            assertEquals(0, db.count("SELECT count(*) FROM event_log WHERE source = ?", source), "nothing stored");
        } finally {
            other.cancel();
        }
        assertEquals(0, budget.rowsInFlight(), "the cancelled write freed its rows");

        Api.push(push).then().statusCode(202).body("accepted", equalTo(10));
        Api.importFile("format=quotes&source=" + source, csv).then().statusCode(200).body("eventsAccepted", equalTo(10));
        assertEquals(20, db.count("SELECT count(*) FROM event_log WHERE source = ?", source));
    }
}
