package io.flowwatch.analytics.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static io.flowwatch.analytics.testing.Api.amount;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.flowwatch.analytics.testing.Api;
import io.flowwatch.analytics.testing.SeedWeekEvents;
import io.flowwatch.analytics.testing.TestBroker;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.MetricUpdate;
import io.flowwatch.events.testing.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed week end to end: its contract events go through the real broker into the consumer, and every figure of
 * the scenario README's table comes out of the query API exactly; the flow.daily metric carries the record context.
 */
@QuarkusTest
class SeedWeekScenarioTest {

    private static TestBroker broker;
    private static List<String> dailyMetrics;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    /** Once per class, before its first test (RestAssured knows the test port only from then on). */
    @BeforeEach
    void publishTheSeedWeek() {
        Api.exactNumbers();
        if (broker != null) {
            return;
        }
        broker = TestBroker.connect();
        Api.reset(broker);
        dailyMetrics = broker.subscribeToMetrics("metric.flow-daily.#");
        List<Event<?>> events = SeedWeekEvents.all();
        broker.publish(events);
        Api.awaitProcessed(events.size());
    }

    @AfterAll
    static void close() {
        broker.close();
        broker = null;
    }


    @Test
    void bitcoinEtfsOnJanuary29() {
        given().queryParam("asset", "BTC").queryParam("kind", "us-spot-etf").queryParam("date", "2026-01-29")
                .when().get("/api/v1/flows/summary")
                .then().log().ifValidationFails().statusCode(200)
                .body("scope", equalTo("us-spot-etf:BTC"))
                .body("label", equalTo("US spot Bitcoin ETFs"))
                .body("date", equalTo("2026-01-29"))
                .body("net", amount("-817900000"))
                .body("record.direction", equalTo("outflow"))
                .body("record.since", equalTo("2025-11-20"))
                .body("record.daysSince", amount("70"))
                .body("record.lastLarger", amount("-903100000"))
                .body("record.historyStart", equalTo("2025-11-13"))
                .body("record.historyDays", amount("77"))
                .body("weekToDate", amount("-978000000"))
                .body("monthToDate", amount("-1100000000"))
                .body("streak.direction", equalTo("outflow"))
                .body("streak.days", amount("3"));
    }

    @Test
    void bitcoinEtfsTheWeekBefore() {
        given().queryParam("asset", "BTC").queryParam("from", "2026-01-19").queryParam("to", "2026-01-30")
                .when().get("/api/v1/flows/weekly")
                .then().log().ifValidationFails().statusCode(200)
                .body("[0].weekStart", equalTo("2026-01-19"))
                .body("[0].weekEnd", equalTo("2026-01-23"))
                .body("[0].days", amount("4"))
                .body("[0].net", amount("-1263600000"))
                .body("[1].weekStart", equalTo("2026-01-26"))
                .body("[1].net", amount("-978000000"));
        given().queryParam("asset", "BTC").queryParam("from", "2026-01-01")
                .when().get("/api/v1/flows/monthly")
                .then().statusCode(200)
                .body("[0].month", equalTo("2026-01"))
                .body("[0].net", amount("-1100000000"));
    }

    @Test
    void dailySeriesAnswersPerDay() {
        given().queryParam("asset", "BTC").queryParam("from", "2026-01-26").queryParam("to", "2026-01-29")
                .when().get("/api/v1/flows/daily")
                .then().statusCode(200)
                .body("size()", equalTo(4))
                .body("[3].date", equalTo("2026-01-29"))
                .body("[3].net", amount("-817900000"))
                .body("[3].weekToDate", amount("-978000000"));
    }

    @Test
    void otherAssetClassesOnJanuary29() {
        BigDecimal btc = net("BTC", "2026-01-29");
        BigDecimal eth = net("ETH", "2026-01-29");
        assertEquals(new BigDecimal("-155600000"), eth);
        assertEquals(new BigDecimal("-973500000"), btc.add(eth));
        assertEquals(new BigDecimal("-92900000"), net("XRP", "2026-01-29"));
        given().queryParam("asset", "SOL").queryParam("date", "2026-01-29")
                .when().get("/api/v1/flows/summary")
                .then().statusCode(200)
                .body("label", equalTo("US spot Solana ETFs"))
                .body("net", amount("-2200000"))
                .body("weekToDate", amount("7800000"));
        given().queryParam("asset", "SOL").queryParam("date", "2026-01-27")
                .when().get("/api/v1/flows/summary")
                .then().statusCode(200)
                .body("weekToDate", amount("10000000"));
    }

    private static BigDecimal net(String asset, String date) {
        return Api.decimal(given().queryParam("asset", asset).queryParam("kind", "us-spot-etf").queryParam("date", date)
                .when().get("/api/v1/flows/summary")
                .then().statusCode(200)
                .extract().path("net"));
    }

    @Test
    void productSeriesCarryTheirIssuer() {
        given().queryParam("product", "FBTC").queryParam("date", "2026-01-29")
                .when().get("/api/v1/flows/summary")
                .then().statusCode(200)
                .body("scope", equalTo("FBTC"))
                .body("label", equalTo("FBTC (Fidelity)"))
                .body("net", amount("-339400000"));
    }

    @Test
    void quoteChangesOver24Hours() {
        given().queryParam("instrument", "TOTAL").queryParam("window", "24h").queryParam("at", "2026-01-29T20:00:00Z")
                .when().get("/api/v1/quotes/change")
                .then().log().ifValidationFails().statusCode(200)
                .body("field", equalTo("marketCap"))
                .body("from", amount("3106400000000"))
                .body("to", amount("2920000000000"))
                .body("fromTime", equalTo("2026-01-28T20:00:00Z"))
                .body("percent", amount("-6.00"));
        for (var expected : List.of(List.of("XAU", "-4.00"), List.of("MSFT", "-10.00"))) {
            given().queryParam("instrument", expected.get(0)).queryParam("window", "24h")
                    .queryParam("at", "2026-01-29T20:00:00Z")
                    .when().get("/api/v1/quotes/change")
                    .then().statusCode(200)
                    .body("field", equalTo("price"))
                    .body("percent", amount(expected.get(1)));
        }
        given().queryParam("instrument", "TOTAL")
                .when().get("/api/v1/quotes/latest")
                .then().statusCode(200)
                .body("[0].label", equalTo("Whole crypto market"));
    }

    /**
     * Hibernate (7.2) adds a query plan for every execution of a native select, whose cache keys never compare equal,
     * and each lookup compares the new key with every earlier one of the same SQL; the configured bound keeps that
     * walk short (5.5 % of the JFR samples under load with the default 2,048).
     */
    @Test
    void repeatedNativeSelectsStayWithinTheQueryPlanCacheBound() throws Exception {
        for (int i = 0; i < 300; i++) {
            given().queryParam("instrument", "TOTAL").queryParam("window", "24h").queryParam("at", "2026-01-29T20:00:00Z")
                    .when().get("/api/v1/quotes/change").then().statusCode(200);
        }
        QueryPlans.assertAtMost(sessionFactory, 128);
    }

    @Test
    void holdingsAsAShareOfMarketCap() {
        given().queryParam("scope", "us-spot-etf:BTC").queryParam("date", "2026-01-29")
                .when().get("/api/v1/holdings/share")
                .then().log().ifValidationFails().statusCode(200)
                .body("assets", amount("107650000000"))
                .body("marketCap", amount("1649969530000"))
                .body("marketCapTime", equalTo("2026-01-29T21:00:00Z"))
                .body("share", amount("6.52"));
        given().queryParam("scope", "us-spot-etf:ETH").queryParam("date", "2026-01-29")
                .when().get("/api/v1/holdings/share")
                .then().statusCode(200)
                .body("assets", amount("16750000000"))
                .body("marketCap", amount("329993800000"))
                .body("share", amount("5.08"));
        given().queryParam("scope", "all-etp:ALL").queryParam("date", "2026-01-23")
                .when().get("/api/v1/holdings/share")
                .then().statusCode(200)
                .body("instrument", equalTo("TOTAL"))
                .body("assets", amount("178000000000"))
                .body("marketCap", amount("3122800000000"))
                .body("share", amount("5.70"));
    }

    @Test
    void hyperliquidLongLiquidationsLargestFourHourWindow() {
        given().queryParam("venue", "hyperliquid").queryParam("side", "long").queryParam("window", "4h")
                .queryParam("date", "2026-01-29")
                .when().get("/api/v1/liquidations/window")
                .then().log().ifValidationFails().statusCode(200)
                .body("total", amount("87100000"))
                .body("start", equalTo("2026-01-29T13:00:00Z"))
                .body("end", equalTo("2026-01-29T15:57:18Z"));
        given().queryParam("venue", "hyperliquid").queryParam("side", "long").queryParam("window", "4h")
                .queryParam("at", "2026-01-29T15:57:18Z")
                .when().get("/api/v1/liquidations/window")
                .then().statusCode(200)
                .body("total", amount("87100000"));
    }

    @Test
    void theDailyMetricCarriesTheRecordContext() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            MetricUpdate last = dailyMetrics.stream()
                    .map(body -> (MetricUpdate) EventCodec.decode(body).data())
                    .filter(update -> update.scope().equals("us-spot-etf:BTC") && "2026-01-29".equals(
                            String.valueOf(update.date())))
                    .reduce((first, second) -> second)
                    .orElse(null);
            assertNotNull(last, "no flow.daily update for us-spot-etf:BTC on 2026-01-29 was published");
            assertEquals("flow.daily", last.metric());
            assertEquals(new BigDecimal("-817900000"), last.value());
            assertEquals("2025-11-20", last.context().get("recordSince"));
            assertEquals("70", last.context().get("recordDaysSince"));
            assertEquals("-978000000", last.context().get("weekToDate"));
            assertEquals("3", last.context().get("streakDays"));
            assertEquals("outflow", last.context().get("direction"));
            assertEquals("US spot Bitcoin ETFs", last.context().get("label"));
        });
        given().queryParam("metric", "flow.daily").queryParam("scope", "us-spot-etf:BTC")
                .when().get("/api/v1/metrics")
                .then().statusCode(200)
                .body("date", hasItem("2026-01-29"));
    }
}
