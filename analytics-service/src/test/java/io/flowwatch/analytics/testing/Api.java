package io.flowwatch.analytics.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.time.Duration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Shared steps of the end-to-end tests. */
public final class Api {

    private Api() {}

    /**
     * A JSON number equal to {@code expected} exactly, scale included ({@code -6.00} is not {@code -6}): integers
     * come back from RestAssured as Integer or Long, decimals as BigDecimal.
     */
    public static Matcher<Object> amount(String expected) {
        BigDecimal wanted = new BigDecimal(expected);
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object actual) {
                return actual instanceof Number && new BigDecimal(actual.toString()).equals(wanted);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("the JSON number ").appendText(expected);
            }
        };
    }

    /** A JSON number read as an exact BigDecimal. */
    public static BigDecimal decimal(Object number) {
        return new BigDecimal(String.valueOf(number));
    }

    /** Numbers in answers are read as BigDecimal, so that -6.00 and 6.52 are compared exactly. */
    public static void exactNumbers() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** Empties the aggregates (DELETE /api/v1/aggregates) and the events queue. */
    public static void reset(TestBroker broker) {
        broker.purge(TestBroker.eventsQueue());
        awaitIdle(broker);
        awaitQuiet();
        given().when().delete("/api/v1/aggregates").then().statusCode(204);
    }

    /** Waits until no event was processed for half a second (messages in flight are done). */
    public static void awaitQuiet() {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = TestDb.processed();
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
    }

    /** Waits until the events queue is empty and the outbox drained. */
    public static void awaitIdle(TestBroker broker) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                broker.depth(TestBroker.eventsQueue()) == 0 && TestDb.unsentMetrics() == 0);
    }

    /** Waits until {@code expected} distinct events are processed and their metric updates published. */
    public static void awaitProcessed(long expected) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> TestDb.processed() >= expected);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> TestDb.unsentMetrics() == 0);
    }
}
