package io.flowwatch.analytics.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.analytics.testing.Api;
import io.flowwatch.analytics.testing.TestBroker;
import io.flowwatch.analytics.testing.TestDb;
import io.flowwatch.events.Event;
import io.flowwatch.events.Liquidation;
import io.flowwatch.events.Quote;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the consumer, from the queue to committed facts: publishes N quote and liquidation events (half
 * each; default 100,000) as fast as confirms allow, and prints every second the queue depth (the consumer lag), the
 * committed events and the metric updates still in the outbox, then events/s. Not run by default (tag
 * {@code benchmark}); see the README for the command.
 *
 * <p>Data shape: 20 instruments with one quote per minute each; 4 venues × 2 sides with one liquidation per minute
 * each (a 24 h window then holds 1,440 liquidations per series).
 */
@QuarkusTest
@Tag("benchmark")
class ConsumerBenchmarkTest {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    private static List<Event<?>> events(int total) {
        List<Event<?>> events = new ArrayList<>(total);
        String[] venues = {"hyperliquid", "binance", "bybit", "okx"};
        for (int i = 0; events.size() < total; i++) {
            Instant minute = START.plus(Duration.ofMinutes(i / 20));
            String instrument = "BENCH" + (i % 20);
            BigDecimal price = BigDecimal.valueOf(10_000 + (i * 7919L) % 1000, 2);
            events.add(Event.of(UUID.randomUUID(), "benchmark", minute.plusSeconds(1),
                    new Quote(instrument, minute, price, price.multiply(BigDecimal.valueOf(1_000_000)))));
            if (events.size() < total) {
                Instant time = START.plus(Duration.ofMinutes(i / 8)).plusSeconds(i % 8);
                events.add(Event.of(UUID.randomUUID(), "benchmark", time.plusSeconds(1), new Liquidation(
                        venues[i % 4], "BTC", i % 8 < 4 ? Liquidation.Side.LONG : Liquidation.Side.SHORT,
                        BigDecimal.valueOf(1000 + i % 5000), time)));
            }
        }
        return events;
    }

    @Test
    void quotesAndLiquidationsFromQueueToCommittedFacts() throws Exception {
        int total = Integer.getInteger("benchmark.events", 100_000);
        List<Event<?>> events = events(total);
        try (TestBroker broker = TestBroker.connect()) {
            Api.reset(broker);
            String queue = TestBroker.eventsQueue();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            long started = System.nanoTime();
            System.out.printf("%n  t(s)  queue depth  committed  metrics unsent%n");
            sampler.scheduleAtFixedRate(() -> System.out.printf(Locale.ROOT, "%6.1f %12d %10d %15d%n",
                    (System.nanoTime() - started) / 1e9, broker.depth(queue), TestDb.processed(),
                    TestDb.unsentMetrics()), 0, 1, TimeUnit.SECONDS);
            try {
                for (int from = 0; from < events.size(); from += 1000) {
                    broker.publish(events.subList(from, Math.min(events.size(), from + 1000)));
                }
                double published = (System.nanoTime() - started) / 1e9;
                await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> TestDb.processed() >= total);
                double committed = (System.nanoTime() - started) / 1e9;
                await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> TestDb.unsentMetrics() == 0);
                double relayed = (System.nanoTime() - started) / 1e9;
                long metrics = TestDb.count("select count(*) from metric_outbox");
                sampler.shutdownNow();
                System.out.printf(Locale.ROOT, "%nbenchmark: %,d events (quotes and liquidations)%n", total);
                System.out.printf(Locale.ROOT, "  published with confirms in %.1f s = %,.0f events/s%n", published,
                        total / published);
                System.out.printf(Locale.ROOT, "  committed (queue -> facts) in %.1f s = %,.0f events/s%n", committed,
                        total / committed);
                System.out.printf(Locale.ROOT, "  %,d metric updates published by %.1f s = %,.0f updates/s%n",
                        metrics, relayed, metrics / relayed);
                assertEquals(total, TestDb.processed());
            } finally {
                sampler.shutdownNow();
            }
        }
    }
}
