package io.flowwatch.analytics.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.analytics.testing.Api;
import io.flowwatch.analytics.testing.TestBroker;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.Holdings;
import io.flowwatch.events.Liquidation;
import io.flowwatch.events.MetricUpdate;
import io.flowwatch.events.Quote;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The time-based metrics and the holdings share reach the metrics exchange with the names the alert service uses. */
@QuarkusTest
class MetricPublicationTest {

    private static final LocalDate DAY = LocalDate.parse("2026-01-29");
    private static TestBroker broker;

    @BeforeEach
    void cleanSlate() {
        if (broker == null) {
            broker = TestBroker.connect();
        }
        Api.reset(broker);
    }

    @AfterAll
    static void close() {
        broker.close();
        broker = null;
    }

    private static List<MetricUpdate> updates(List<String> bodies, String metric, String scope) {
        return bodies.stream()
                .map(body -> (MetricUpdate) EventCodec.decode(body).data())
                .filter(update -> update.metric().equals(metric) && update.scope().equals(scope))
                .toList();
    }

    private static Event<Quote> quote(String instrument, String time, String price, String marketCap) {
        return quote(instrument, time, price, marketCap, Duration.ofSeconds(5));
    }

    private static Event<Quote> quote(String instrument, String time, String price, String marketCap, Duration late) {
        Instant at = Instant.parse(time);
        return Event.of(UUID.randomUUID(), "coingecko", at.plus(late), new Quote(instrument, at,
                price == null ? null : new BigDecimal(price), marketCap == null ? null : new BigDecimal(marketCap)));
    }

    @Test
    void aLaterQuoteCompletesTheHoldingsShareAndOnlyARealChangeIsPublishedAgain() {
        List<String> received = broker.subscribeToMetrics("metric.holdings-share.#");
        broker.publish(Event.of(UUID.randomUUID(), "sosovalue", Instant.parse("2026-01-30T02:00:00Z"),
                new Holdings("us-spot-etf:BTC", DAY, new BigDecimal("107650000000"))));
        Api.awaitProcessed(1);
        assertEquals(List.of(), updates(received, "holdings.share", "us-spot-etf:BTC"), "no market cap yet");

        broker.publish(quote("BTC", "2026-01-29T21:00:00Z", "82610.00", "1649969530000"));
        Api.awaitProcessed(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> !updates(received, "holdings.share", "us-spot-etf:BTC").isEmpty());
        MetricUpdate share = updates(received, "holdings.share", "us-spot-etf:BTC").getFirst();
        assertEquals(new BigDecimal("6.52"), share.value());
        assertEquals(DAY, share.date());
        assertEquals("107650000000", share.context().get("assets"));
        assertEquals("1649969530000", share.context().get("marketCap"));

        // An earlier quote is not the one in force at the close: nothing changes, nothing is published.
        broker.publish(quote("BTC", "2026-01-29T20:30:00Z", "82000.00", "1637800000000"));
        Api.awaitProcessed(3);
        assertEquals(1, updates(received, "holdings.share", "us-spot-etf:BTC").size());
        // A correction of the quote at the close, received later, is.
        broker.publish(quote("BTC", "2026-01-29T21:00:00Z", "82610.00", "1600000000000", Duration.ofHours(1)));
        Api.awaitProcessed(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> updates(received, "holdings.share", "us-spot-etf:BTC").size() == 2);
        assertEquals(new BigDecimal("6.73"), updates(received, "holdings.share", "us-spot-etf:BTC").get(1).value());
    }

    @Test
    void quoteChangesAndLiquidationWindowsArePublishedPerNewFact() {
        List<String> received = broker.subscribeToMetrics("metric.#");
        broker.publish(List.of(
                quote("TOTAL", "2026-01-28T20:00:00Z", null, "3106400000000"),
                quote("TOTAL", "2026-01-29T19:00:00Z", null, "2950000000000"),
                quote("TOTAL", "2026-01-29T20:00:00Z", null, "2920000000000")));
        Instant t = Instant.parse("2026-01-29T15:00:00Z");
        broker.publish(List.of(
                Event.of(UUID.randomUUID(), "hyperliquid", t, new Liquidation("hyperliquid", "BTC", Liquidation.Side.LONG,
                        new BigDecimal("1000000"), t.minus(Duration.ofHours(3)))),
                Event.of(UUID.randomUUID(), "hyperliquid", t, new Liquidation("hyperliquid", "ETH", Liquidation.Side.LONG,
                        new BigDecimal("2500000.50"), t))));
        Api.awaitProcessed(5);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            MetricUpdate day = updates(received, "quote.change", "TOTAL@24h").stream()
                    .filter(update -> update.at().equals(Instant.parse("2026-01-29T20:00:00Z")))
                    .findFirst().orElseThrow();
            assertEquals(new BigDecimal("-6"), day.value());
            assertEquals("marketCap", day.context().get("field"));
            assertEquals("3106400000000", day.context().get("from"));
            assertEquals("2026-01-28T20:00:00Z", day.context().get("fromTime"));
            assertEquals("24h", day.context().get("window"));
            assertEquals("Whole crypto market", day.context().get("label"));
            MetricUpdate hour = updates(received, "quote.change", "TOTAL@1h").stream()
                    .filter(update -> update.at().equals(Instant.parse("2026-01-29T20:00:00Z")))
                    .findFirst().orElseThrow();
            assertEquals(new BigDecimal("-1.02"), hour.value());
            // No quote 7 days back: no 7d change.
            assertTrue(updates(received, "quote.change", "TOTAL@7d").isEmpty());

            MetricUpdate fourHours = updates(received, "liquidation.window", "hyperliquid:long@4h").stream()
                    .filter(update -> update.at().equals(t)).findFirst().orElseThrow();
            assertEquals(new BigDecimal("3500000.5"), fourHours.value());
            assertEquals("2", fourHours.context().get("count"));
            assertEquals("4h", fourHours.context().get("window"));
            MetricUpdate oneHour = updates(received, "liquidation.window", "hyperliquid:long@1h").stream()
                    .filter(update -> update.at().equals(t)).findFirst().orElseThrow();
            assertEquals(new BigDecimal("2500000.5"), oneHour.value());
            assertEquals("1", oneHour.context().get("count"));
        });
    }

    @Test
    void ticksWithinOneSecondOfQuoteTimeMakeUpdatesOnlyAtTheLastOfThem() {
        List<String> received = broker.subscribeToMetrics("metric.#");
        broker.publish(quote("SOL", "2026-01-29T19:00:00Z", "100.00", null));
        Api.awaitProcessed(1);
        // A tick feed: four quotes within the second 20:00:00 (sent together, so applied in one batch), then one in
        // the next second.
        broker.publish(List.of(
                quote("SOL", "2026-01-29T20:00:00.100Z", "101.00", null),
                quote("SOL", "2026-01-29T20:00:00.400Z", "103.00", null),
                quote("SOL", "2026-01-29T20:00:00.700Z", "99.00", null),
                quote("SOL", "2026-01-29T20:00:00.900Z", "102.00", null)));
        Api.awaitProcessed(5);
        broker.publish(quote("SOL", "2026-01-29T20:00:01Z", "104.00", null));
        Api.awaitProcessed(6);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<MetricUpdate> hour = updates(received, "quote.change", "SOL@1h");
            assertEquals(Instant.parse("2026-01-29T20:00:01Z"), hour.getLast().at());
            assertEquals(new BigDecimal("4"), hour.getLast().value());
            MetricUpdate lastTick = hour.get(hour.size() - 2);
            assertEquals(Instant.parse("2026-01-29T20:00:00.900Z"), lastTick.at());
            assertEquals(new BigDecimal("2"), lastTick.value());
            // One update per tick would be 5.
            assertTrue(hour.size() < 5, "updates at " + hour.stream().map(MetricUpdate::at).toList());
        });
    }
}
