package io.flowwatch.ingest.repository;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.benmanes.caffeine.cache.Cache;
import io.flowwatch.events.testing.QueryPlans;
import io.flowwatch.ingest.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.query.sql.spi.NonSelectInterpretationsKey;
import org.hibernate.query.sql.spi.SelectInterpretationsKey;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * Batches of every size use the same statements: the rows travel as one JSON parameter, so the statement text does
 * not grow with the batch. (With a placeholder per value, each batch size was a new text for PostgreSQL to parse and
 * a new entry in Hibernate's query plan cache, which held 28 MB of such SQL text in ingest under load.) And what goes
 * through that parameter comes back exactly.
 */
@QuarkusTest
class StatementTextTest {

    @Inject
    Mutiny.SessionFactory sessionFactory;

    private static String quote(String source, String instrument, int hour, String price) {
        return "{\"type\":\"flowwatch.quote.v1\",\"source\":\"" + source + "\",\"data\":{\"instrument\":\"" + instrument
                + "\",\"time\":\"2026-01-29T" + String.format("%02d", hour) + ":00:00Z\",\"priceUsd\":" + price + "}}";
    }

    private static String batch(String source, String instrument, int size, String price) {
        List<String> events = new ArrayList<>();
        for (int hour = 0; hour < size; hour++) {
            events.add(quote(source, instrument, hour, price));
        }
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    /**
     * The distinct SQL texts in Hibernate's query plan cache. Counting plans would not do: Hibernate (7.2) adds a new
     * plan for every execution of a native select, because their cache keys never compare equal.
     */
    private Set<String> cachedStatementTexts() throws ReflectiveOperationException {
        Object interpretations = QueryPlans.of(sessionFactory);
        Field plans = interpretations.getClass().getDeclaredField("queryPlanCache");
        plans.setAccessible(true);
        Object internalCache = plans.get(interpretations);
        for (Field field : internalCache.getClass().getDeclaredFields()) {
            if (Cache.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                Set<String> texts = new HashSet<>();
                for (Object key : ((Cache<?, ?>) field.get(internalCache)).asMap().keySet()) {
                    if (key instanceof SelectInterpretationsKey select) {
                        texts.add(select.getQueryString());
                    } else if (key instanceof NonSelectInterpretationsKey other) {
                        texts.add(other.getQueryString());
                    }
                }
                return texts;
            }
        }
        throw new IllegalStateException("no Caffeine cache in " + internalCache.getClass());
    }

    private static void awaitRelayed() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.given().when().get("/api/v1/ingest/stats")
                .then().statusCode(200).body("outbox.depth", equalTo(0)));
    }

    @Test
    void batchesOfEverySizeShareTheirStatements() throws Exception {
        String source = "statement-text-" + UUID.randomUUID().toString().substring(0, 8);
        // Every statement once, so that what is counted next is only what batch sizes add.
        Api.push(batch(source, "WARM", 2, "1")).then().statusCode(202);
        Api.push(batch(source, "WARM", 2, "2")).then().statusCode(202).body("revisions", equalTo(2));
        awaitRelayed();
        Set<String> before = cachedStatementTexts();

        for (int size = 1; size <= 24; size++) {
            String instrument = "ST" + size;
            Api.push(batch(source, instrument, size, "1")).then().statusCode(202).body("accepted", equalTo(size));
            // The same batch again with other prices: every event a revision (figure_key lookups, latest figures).
            Api.push(batch(source, instrument, size, "2")).then().statusCode(202).body("revisions", equalTo(size));
            awaitRelayed();
        }

        Set<String> added = new HashSet<>(cachedStatementTexts());
        added.removeAll(before);
        // With a placeholder per value, each of the 24 sizes added its own texts (the IN lists and VALUES rows).
        assertEquals(Set.of(), added, "statement texts added by batches of 24 sizes");
        // Each execution of a native select adds a plan (see above); the configured bound keeps them few, and each
        // lookup, which compares the new key with every earlier one of the same SQL, short.
        QueryPlans.assertAtMost(sessionFactory, 128);
    }

    @Test
    void textThatNeedsEscapingInJsonIsLoggedExactly() {
        String ticker = "Q" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        // Quotes, a backslash, a newline, a tab, non-Latin letters and a character outside the BMP: the product's
        // issuer, which the logged fund flow carries inside its event JSON, inside the rows' JSON parameter.
        String issuer = "Fund \"Q\" \\ line\nnext\ttab \u00e9\u4e2d\ud83d\ude80";
        Api.given().contentType("application/json")
                .body("{\"issuer\":\"" + issuer.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                        .replace("\t", "\\t") + "\",\"asset\":\"BTC\",\"kind\":\"us-spot-etf\"}")
                .when().put("/api/v1/products/" + ticker).then().statusCode(201);
        // A source of its own: other tests count the fund flows from farside.
        String source = "statement-text-" + UUID.randomUUID().toString().substring(0, 8);
        String event = "{\"type\":\"flowwatch.fund-flow.v1\",\"source\":\"" + source + "\",\"data\":{\"product\":\"" + ticker
                + "\",\"tradingDate\":\"2026-01-29\",\"netFlowUsd\":1}}";
        String id = Api.push(event).then().statusCode(202).extract().jsonPath().getString("ids[0]");
        String logged = Api.given().when().get("/api/v1/events/" + id).then().statusCode(200)
                .extract().jsonPath().getString("data.issuer");
        assertEquals(issuer, logged);
    }
}
