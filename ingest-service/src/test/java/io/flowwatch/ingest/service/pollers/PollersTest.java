package io.flowwatch.ingest.service.pollers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.agroal.api.AgroalDataSource;
import io.flowwatch.events.Holdings;
import io.flowwatch.events.Quote;
import io.flowwatch.ingest.config.PollersConfig;
import io.flowwatch.ingest.support.Api;
import io.flowwatch.ingest.support.EventProbe;
import io.flowwatch.ingest.support.TestDb;
import io.flowwatch.ingest.support.WireMockResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pollers against recorded CoinGecko and SoSoValue answers served by WireMock on 127.0.0.1: figures land as
 * quote and holdings events, an unchanged answer publishes nothing, and a failing source backs off and shows it
 * in /q/health (without touching readiness) and in the metrics. Polls are triggered directly, not by the clock.
 */
@QuarkusTest
@WithTestResource(value = WireMockResource.class, scope = TestResourceScope.GLOBAL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PollersTest {

    @Inject
    CoinGeckoPoller coinGecko;

    @Inject
    SoSoValuePoller soSoValue;

    @Inject
    PollersConfig config;

    @Inject
    AgroalDataSource dataSource;

    private WireMockServer wireMock;

    @BeforeEach
    void resetStubs() {
        wireMock = WireMockResource.server();
        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo("/api/v3/simple/price"))
                .willReturn(okJson(WireMockResource.recorded("coingecko-simple-price.json"))));
        wireMock.stubFor(get(urlPathEqualTo("/api/v3/global"))
                .willReturn(okJson(WireMockResource.recorded("coingecko-global.json"))));
        wireMock.stubFor(post(urlPathEqualTo("/openapi/v2/etf/historicalInflowChart"))
                .withRequestBody(equalToJson("{\"type\":\"us-btc-spot\"}"))
                .willReturn(okJson(WireMockResource.recorded("sosovalue-us-btc-spot.json"))));
        wireMock.stubFor(post(urlPathEqualTo("/openapi/v2/etf/historicalInflowChart"))
                .withRequestBody(equalToJson("{\"type\":\"us-eth-spot\"}"))
                .willReturn(okJson(WireMockResource.recorded("sosovalue-us-eth-spot.json"))));
    }

    @Test
    @Order(1)
    void pollersAreOffByDefault() {
        assertFalse(config.coingecko().enabled());
        assertFalse(config.sosovalue().enabled());
        // Awaited: right after start-up the broker connection, also in /q/health, may not be up yet.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.given().when().get("/q/health").then().statusCode(200)
                .body("checks.find { it.name == 'pollers' }.data.'coingecko.enabled'", org.hamcrest.Matchers.equalTo(false))
                .body("checks.find { it.name == 'pollers' }.data.'sosovalue.enabled'", org.hamcrest.Matchers.equalTo(false)));
    }

    @Test
    @Order(2)
    void coinGeckoFiguresLandAsQuotesAndAnUnchangedAnswerPublishesNothing() {
        TestDb db = new TestDb(dataSource);
        try (EventProbe probe = EventProbe.open("quote.btc.btc", "quote.eth.eth", "quote.total.total")) {
            assertEquals(new Poller.Outcome(3, 0, 0), coinGecko.poll().await().atMost(Duration.ofSeconds(30)));
            wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v3/simple/price"))
                    .withQueryParam("ids", equalTo("bitcoin,ethereum"))
                    .withQueryParam("vs_currencies", equalTo("usd"))
                    .withQueryParam("include_market_cap", equalTo("true"))
                    .withoutHeader("x-cg-demo-api-key"));
            wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v3/global")));

            Instant at = Instant.ofEpochSecond(1769716800);
            assertEquals(1, db.count("SELECT count(*) FROM event_log WHERE source = 'coingecko' AND subject = 'TOTAL'"
                    + " AND CAST(event AS jsonb)->'data'->>'time' = ?", at.toString()));
            assertEquals(0, new BigDecimal("82513.37").compareTo(db.decimal("SELECT CAST(CAST(event AS jsonb)->'data'->>'priceUsd'"
                    + " AS numeric) FROM event_log WHERE source = 'coingecko' AND subject = 'BTC'")));
            long stored = db.count("SELECT count(*) FROM event_log WHERE source = 'coingecko'");
            assertEquals(3, stored);

            await().atMost(Duration.ofSeconds(30)).until(() -> probe.fromSource("coingecko").size() >= 3);
            Map<String, Quote> quotes = new java.util.HashMap<>();
            probe.fromSource("coingecko").forEach(r -> quotes.put(r.event().subject(), (Quote) r.event().data()));
            assertEquals(3, quotes.size());
            assertEquals(new Quote("TOTAL", at, null, new BigDecimal("2920000000000")), quotes.get("TOTAL"));
            assertEquals(new Quote("ETH", Instant.ofEpochSecond(1769716795), new BigDecimal("2734.41"),
                    new BigDecimal("329993800000.12")), quotes.get("ETH"));
            assertEquals(new BigDecimal("1647993462873.9766"), quotes.get("BTC").marketCapUsd());
            int received = probe.size();

            // The same answer again: every figure is a duplicate, nothing is stored or published.
            Poller.Outcome second = coinGecko.poll().await().atMost(Duration.ofSeconds(30));
            assertEquals(new Poller.Outcome(0, 3, 0), second);
            assertEquals(stored, db.count("SELECT count(*) FROM event_log WHERE source = 'coingecko'"));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> probe.size() == received);
        }
    }

    @Test
    @Order(3)
    void soSoValueTotalsLandAsHoldingsOnlyAndAreNotRepublished() {
        TestDb db = new TestDb(dataSource);
        assertEquals(new Poller.Outcome(10, 0, 0), soSoValue.poll().await().atMost(Duration.ofSeconds(30)));
        assertEquals(10, db.count("SELECT count(*) FROM event_log WHERE source = 'sosovalue' AND type = 'flowwatch.holdings.v1'"
                + " AND subject IN ('us-spot-etf:BTC', 'us-spot-etf:ETH')"
                + " AND CAST(event AS jsonb)->'data'->>'date' BETWEEN '2026-01-22' AND '2026-01-28'"));
        assertEquals(0, db.count("SELECT count(*) FROM event_log WHERE source = 'sosovalue' AND type = 'flowwatch.fund-flow.v1'"),
                "SoSoValue's asset-class inflow totals are not fund flows");
        String latest = (String) db.single("SELECT event FROM event_log WHERE source = 'sosovalue'"
                + " AND subject = 'us-spot-etf:BTC' AND CAST(event AS jsonb)->'data'->>'date' = '2026-01-28'");
        Holdings holdings = (Holdings) io.flowwatch.events.EventCodec.decode(latest).data();
        assertEquals(new Holdings("us-spot-etf:BTC", LocalDate.of(2026, 1, 28), new BigDecimal("110920000000")), holdings);

        assertEquals(new Poller.Outcome(0, 10, 0), soSoValue.poll().await().atMost(Duration.ofSeconds(30)));
    }

    @Test
    @Order(4)
    void aFailingSourceBacksOffAndReportsItWithoutTouchingReadiness() {
        double failuresBefore = failures("coingecko");
        wireMock.stubFor(get(urlPathEqualTo("/api/v3/simple/price"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"internal\"}")));

        assertThrows(RuntimeException.class, () -> coinGecko.poll().await().atMost(Duration.ofSeconds(30)));
        PollerState.Snapshot state = coinGecko.state().snapshot();
        assertEquals("backoff", state.state());
        assertEquals(1, state.consecutiveFailures());
        assertNotNull(state.nextAttemptAt());
        assertFalse(coinGecko.state().due(Instant.now()), "the scheduled trigger waits out the backoff");
        Duration firstPause = Duration.between(state.lastFailureAt(), state.nextAttemptAt());

        JsonPath health = Api.given().when().get("/q/health").then().statusCode(200).extract().jsonPath();
        assertEquals("UP", health.getString("status"));
        Map<String, Object> data = health.getMap("checks.find { it.name == 'pollers' }.data");
        assertEquals("UP", health.getString("checks.find { it.name == 'pollers' }.status"));
        assertEquals("backoff", data.get("coingecko.state"));
        assertEquals(1, data.get("coingecko.consecutiveFailures"));
        assertNotNull(data.get("coingecko.nextAttemptAt"));
        assertTrue(data.get("coingecko.lastError").toString().contains("500"), data.toString());
        Api.given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("pollers")));
        assertEquals(failuresBefore + 1, failures("coingecko"));

        // A second failure doubles the pause.
        assertThrows(RuntimeException.class, () -> coinGecko.poll().await().atMost(Duration.ofSeconds(30)));
        PollerState.Snapshot again = coinGecko.state().snapshot();
        assertEquals(2, again.consecutiveFailures());
        assertEquals(firstPause.multipliedBy(2), Duration.between(again.lastFailureAt(), again.nextAttemptAt()));
        assertEquals(failuresBefore + 2, failures("coingecko"));

        // The source recovers: the state is ok again and the last-success gauge moves.
        resetStubs();
        coinGecko.poll().await().atMost(Duration.ofSeconds(30));
        assertEquals("ok", coinGecko.state().snapshot().state());
        assertEquals(0, coinGecko.state().snapshot().consecutiveFailures());
        assertTrue(metric("flowwatch_poller_last_success_timestamp_seconds", "coingecko") > 1.7e9);
    }

    @Test
    @Order(5)
    void anErrorAnswerFromSoSoValueIsAFailure() {
        wireMock.stubFor(post(urlPathEqualTo("/openapi/v2/etf/historicalInflowChart"))
                .willReturn(okJson(WireMockResource.recorded("sosovalue-error.json"))));
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> soSoValue.poll().await().atMost(Duration.ofSeconds(30)));
        assertTrue(failure.getMessage().contains("invalid api key"), failure.getMessage());
        assertEquals("backoff", soSoValue.state().snapshot().state());
        resetStubs();
        soSoValue.poll().await().atMost(Duration.ofSeconds(30));
        assertEquals("ok", soSoValue.state().snapshot().state());
    }

    private static double failures(String poller) {
        return metric("flowwatch_poller_failures_total", poller);
    }

    private static double metric(String name, String poller) {
        String text = Api.given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{[^}]*poller=\"" + poller + "\"[^}]*} (\\S+)$").matcher(text);
        assertTrue(matcher.find(), name + " for " + poller + " in /q/metrics");
        return Double.parseDouble(matcher.group(1));
    }
}
