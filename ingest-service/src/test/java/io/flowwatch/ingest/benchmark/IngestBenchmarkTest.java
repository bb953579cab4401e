package io.flowwatch.ingest.benchmark;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.ingest.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test but a measurement, excluded from normal builds (JUnit tag {@code benchmark}; see README.md to run
 * it). A few concurrent clients push batches of 1,000 quote events for about 20 s; then the test waits until the
 * relay has emptied the outbox. It prints the accepted-durable rate (events answered 202, i.e. committed to
 * PostgreSQL), the relayed rate over the whole run (events confirmed by RabbitMQ per second from the first push to
 * an empty outbox) and the relay's drain rate (the backlog left when pushing stopped, over the time to clear it).
 * {@code -Dflowwatch.benchmark.seconds} and {@code -Dflowwatch.benchmark.clients} change duration and concurrency.
 */
@QuarkusTest
@Tag("benchmark")
class IngestBenchmarkTest {

    private static final int BATCH = 1_000;

    @TestHTTPResource("/api/v1/events")
    URI events;

    @Test
    void pushBatchesOfQuotes() throws Exception {
        int seconds = Integer.getInteger("flowwatch.benchmark.seconds", 20);
        int clients = Integer.getInteger("flowwatch.benchmark.clients", 4);
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        long publishedBefore = stats("relay.published");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        AtomicLong accepted = new AtomicLong();
        AtomicLong batchNanos = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String instrument = "BENCH" + run + c;
            workers.add(pool.submit(() -> {
                Instant time = Instant.parse("2020-01-01T00:00:00Z");
                while (System.nanoTime() < deadline) {
                    StringJoiner body = new StringJoiner(",", "{\"events\":[", "]}");
                    for (int i = 0; i < BATCH; i++) {
                        time = time.plusSeconds(1);
                        body.add("{\"type\":\"flowwatch.quote.v1\",\"source\":\"benchmark\",\"data\":{\"instrument\":\""
                                + instrument + "\",\"time\":\"" + time + "\",\"priceUsd\":" + (1000 + i) + ".25}}");
                    }
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(events)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                    }
                    batchNanos.addAndGet(System.nanoTime() - sent);
                    batches.incrementAndGet();
                    accepted.addAndGet(BATCH);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        long pushed = System.nanoTime();
        long backlog = stats("outbox.depth");
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> stats("outbox.depth") == 0);
        long drained = System.nanoTime();
        long relayed = stats("relay.published") - publishedBefore;
        assertEquals(accepted.get(), relayed, "every accepted event was relayed");

        double pushSeconds = (pushed - start) / 1e9;
        double totalSeconds = (drained - start) / 1e9;
        double drainSeconds = (drained - pushed) / 1e9;
        System.out.printf("%n=== ingest benchmark: %d clients pushing batches of %,d quotes for %.1f s (%d cores) ===%n",
                clients, BATCH, pushSeconds, Runtime.getRuntime().availableProcessors());
        System.out.printf("accepted (durable, 202): %,d events = %,.0f events/s; mean batch latency %.0f ms%n",
                accepted.get(), accepted.get() / pushSeconds, batchNanos.get() / 1e6 / Math.max(1, batches.get()));
        System.out.printf("relayed (broker-confirmed): %,d events in %.1f s from the first push = %,.0f events/s%n",
                relayed, totalSeconds, relayed / totalSeconds);
        System.out.printf("relay drain: backlog of %,d events when pushing stopped, cleared in %.1f s = %,.0f events/s%n%n",
                backlog, drainSeconds, drainSeconds > 0 ? backlog / drainSeconds : 0);
    }

    private static long stats(String path) {
        return Api.given().when().get("/api/v1/ingest/stats").then().statusCode(200).extract().jsonPath().getLong(path);
    }
}
