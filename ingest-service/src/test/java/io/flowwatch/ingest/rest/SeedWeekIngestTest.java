package io.flowwatch.ingest.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.flowwatch.events.EventBatch;
import io.flowwatch.events.FundFlow;
import io.flowwatch.events.Holdings;
import io.flowwatch.events.Liquidation;
import io.flowwatch.events.Quote;
import io.flowwatch.ingest.service.imports.SeedWeek;
import io.flowwatch.ingest.support.Api;
import io.flowwatch.ingest.support.EventProbe;
import io.flowwatch.ingest.support.EventProbe.Received;
import io.flowwatch.ingest.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed-week scenario through the import API, end to end: every file imports exactly (counts and sums in the
 * raw log and in the messages that reach RabbitMQ), a second import is all duplicates and publishes nothing, and
 * a changed figure is published as revision 2.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedWeekIngestTest {

    private static final LocalDate JAN_29 = LocalDate.of(2026, 1, 29);
    private static final String FLOW_SUMS = "SELECT count(*), coalesce(sum(CAST(CAST(event AS jsonb)->'data'->>'netFlowUsd' AS numeric)), 0)"
            + " FROM event_log WHERE type = 'flowwatch.fund-flow.v1' AND source = 'farside'"
            + " AND CAST(event AS jsonb)->'data'->>'asset' = ?";

    /** file, query, data rows, events. */
    private record SeedFile(String name, String query, int rowsRead, int events) {}

    private static final List<SeedFile> FILES = List.of(
            new SeedFile("btc-spot-etf-flows.csv", "format=farside-flows&asset=BTC&kind=us-spot-etf", 52, 467),
            new SeedFile("eth-spot-etf-flows.csv", "format=farside-flows&asset=ETH&kind=us-spot-etf", 4, 26),
            new SeedFile("xrp-spot-etf-flows.csv", "format=farside-flows&asset=XRP&kind=us-spot-etf", 4, 16),
            new SeedFile("sol-spot-etf-flows.csv", "format=farside-flows&asset=SOL&kind=us-spot-etf", 4, 21),
            new SeedFile("quotes.csv", "format=quotes", 310, 310),
            new SeedFile("holdings.csv", "format=holdings", 3, 3),
            new SeedFile("liquidations.csv", "format=liquidations", 79, 79));

    private static final Map<String, List<UUID>> IDS = new LinkedHashMap<>();
    private static EventProbe probe;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void openProbe() {
        probe = EventProbe.open("#");
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    @Order(1)
    void everyFileImportsExactlyIntoTheLogAndOntoTheBroker() {
        for (SeedFile file : FILES) {
            JsonPath summary = Api.importFile(file.query(), SeedWeek.file(file.name()))
                    .then().statusCode(200)
                    .body("rowsRead", equalTo(file.rowsRead()))
                    .body("eventsAccepted", equalTo(file.events()))
                    .body("duplicates", equalTo(0))
                    .body("revisions", equalTo(0))
                    .body("rowsRejected", equalTo(0))
                    .body("errors", empty())
                    .extract().jsonPath();
            List<UUID> ids = summary.getList("ids", String.class).stream().map(UUID::fromString).toList();
            assertEquals(file.events(), ids.size(), file.name());
            IDS.put(file.name(), ids);
        }
        TestDb db = new TestDb(dataSource);

        // The raw log.
        assertFlows(db, "BTC", 467, "-4865000000");
        assertFlows(db, "ETH", 26, "-196900000");
        assertFlows(db, "XRP", 16, "-100400000");
        assertFlows(db, "SOL", 21, "7800000");
        assertEquals(0, new BigDecimal("-817900000").compareTo(db.decimal(FLOW_SUMS.replace("count(*), ", "")
                + " AND CAST(event AS jsonb)->'data'->>'tradingDate' = '2026-01-29'", "BTC")));
        assertEquals(6, db.count("SELECT count(*) FROM event_log WHERE source = 'farside'"
                + " AND CAST(event AS jsonb)->'data'->>'asset' = 'SOL'"
                + " AND CAST(event AS jsonb)->'data'->>'tradingDate' = '2026-01-28'"
                + " AND CAST(CAST(event AS jsonb)->'data'->>'netFlowUsd' AS numeric) = 0"), "six real zero flows");
        for (SeedFile file : FILES) {
            assertEquals(file.events(), db.countIds(IDS.get(file.name())), file.name());
        }
        assertEquals(1, db.count("SELECT count(*) FROM event_log WHERE source = 'coinshares' AND subject = 'all-etp:ALL'"));

        // The broker: every event exactly once, with the contract's message properties.
        List<UUID> all = IDS.values().stream().flatMap(List::stream).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> probe.withIds(all).size() >= all.size());
        List<Received> messages = probe.withIds(all);
        assertEquals(all.size(), messages.size(), "each event exactly once");
        assertEquals(all.size(), messages.stream().map(Received::id).distinct().count());

        Map<String, List<FundFlow>> flowsByAsset = messages.stream()
                .filter(m -> m.event().data() instanceof FundFlow)
                .map(m -> (FundFlow) m.event().data())
                .collect(Collectors.groupingBy(FundFlow::asset));
        assertMessageFlows(flowsByAsset.get("BTC"), 467, "-4865000000");
        assertMessageFlows(flowsByAsset.get("ETH"), 26, "-196900000");
        assertMessageFlows(flowsByAsset.get("XRP"), 16, "-100400000");
        assertMessageFlows(flowsByAsset.get("SOL"), 21, "7800000");
        assertEquals(0, new BigDecimal("-817900000").compareTo(sum(flowsByAsset.get("BTC").stream()
                .filter(f -> f.tradingDate().equals(JAN_29)).map(FundFlow::netFlowUsd).toList())));
        assertTrue(flowsByAsset.values().stream().flatMap(List::stream).allMatch(f -> f.revision() == 1));
        FundFlow fbtc = flowsByAsset.get("BTC").stream()
                .filter(f -> f.product().equals("FBTC") && f.tradingDate().equals(JAN_29)).findFirst().orElseThrow();
        assertEquals(new BigDecimal("-339400000"), fbtc.netFlowUsd());
        assertEquals("Fidelity", fbtc.issuer());

        List<Quote> quotes = dataOf(messages, Quote.class);
        assertEquals(310, quotes.size());
        assertEquals(new BigDecimal("6836490.74"), sum(quotes.stream().map(Quote::priceUsd).filter(Objects::nonNull).toList()));
        assertEquals(0, new BigDecimal("373174727343500").compareTo(
                sum(quotes.stream().map(Quote::marketCapUsd).filter(Objects::nonNull).toList())));
        List<Liquidation> liquidations = dataOf(messages, Liquidation.class);
        assertEquals(79, liquidations.size());
        assertEquals(new BigDecimal("87100000"), sum(liquidations.stream()
                .filter(l -> l.side() == Liquidation.Side.LONG).map(Liquidation::notionalUsd).toList()));
        List<Holdings> holdings = dataOf(messages, Holdings.class);
        assertEquals(3, holdings.size());
        assertTrue(holdings.contains(new Holdings("us-spot-etf:BTC", JAN_29, new BigDecimal("107650000000"))));

        // Every header holds for every event, whether it came alone or with others of its routing key and file.
        for (Received message : messages) {
            assertEquals(2, message.properties().getDeliveryMode(), "persistent");
            assertEquals(message.event().type(), message.header("ce-type"));
            assertEquals(message.event().source(), message.header("ce-source"));
            assertEquals(message.event().subject(), message.header("ce-subject"));
            assertNull(message.header("x-flowwatch-replay"));
            if (EventBatch.isBatch(message.properties().getContentType())) {
                assertNull(message.header("ce-id"));
                assertTrue(Integer.parseInt(String.valueOf(message.header(EventBatch.EVENT_COUNT_HEADER))) > 1);
            } else {
                assertEquals("application/json", message.properties().getContentType());
                assertEquals(message.id().toString(), message.properties().getMessageId());
                assertEquals(message.id().toString(), message.header("ce-id"));
            }
        }
        // A file's quotes of one asset share messages: far fewer messages than quotes.
        long quoteMessages = messages.stream().filter(m -> m.event().data() instanceof Quote)
                .map(m -> m.properties().getMessageId()).distinct().count();
        assertTrue(quoteMessages * 5 < quotes.size(), quoteMessages + " messages for " + quotes.size() + " quotes");
        assertTrue(probe.messages() < messages.size(), probe.messages() + " messages for " + messages.size() + " events");
        // Yet the flows of one asset arrive in the file's order, date by date, though each product has a routing key of
        // its own: messages never put one product's later days before another product's earlier ones.
        for (String asset : List.of("BTC", "ETH", "XRP", "SOL")) {
            List<LocalDate> dates = dataOf(messages, FundFlow.class).stream().filter(f -> f.asset().equals(asset))
                    .map(FundFlow::tradingDate).toList();
            assertEquals(dates.stream().sorted().toList(), dates, asset + " flows in arrival order");
        }
        assertEquals("farside", messages.stream().filter(m -> m.event().data() instanceof FundFlow).findFirst()
                .orElseThrow().header("ce-source"));
        assertTrue(messages.stream().allMatch(m -> m.routingKey().equals(m.event().routingKey())));
    }

    @Test
    @Order(2)
    void importingTheSameFilesAgainIsAllDuplicatesAndPublishesNothing() {
        TestDb db = new TestDb(dataSource);
        TestDb.Counts before = db.counts();
        int receivedBefore = probe.size();
        for (SeedFile file : FILES) {
            Api.importFile(file.query(), SeedWeek.file(file.name()))
                    .then().statusCode(200)
                    .body("eventsAccepted", equalTo(0))
                    .body("duplicates", equalTo(file.events()))
                    .body("revisions", equalTo(0))
                    .body("ids", empty());
        }
        assertEquals(before, db.counts(), "nothing logged, nothing queued");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> probe.size() == receivedBefore);
    }

    @Test
    @Order(3)
    void aChangedFigureIsPublishedAsRevision2AndHistoryIsKept() {
        // FBTC on 2026-01-29 was (339.4); the source now says (340.4).
        byte[] corrected = "Date,FBTC,Total\r\n29 Jan 2026,(340.4),(340.4)\r\n".getBytes(StandardCharsets.US_ASCII);
        String query = "format=farside-flows&asset=BTC&kind=us-spot-etf";
        List<String> ids = Api.importFile(query, corrected)
                .then().statusCode(200)
                .body("eventsAccepted", equalTo(0))
                .body("revisions", equalTo(1))
                .body("duplicates", equalTo(0))
                .extract().jsonPath().getList("ids", String.class);
        assertEquals(1, ids.size());
        UUID id = UUID.fromString(ids.getFirst());

        await().atMost(Duration.ofSeconds(30)).until(() -> !probe.withIds(List.of(id)).isEmpty());
        FundFlow revised = (FundFlow) probe.withIds(List.of(id)).getFirst().event().data();
        assertEquals(2, revised.revision());
        assertEquals(new BigDecimal("-340400000"), revised.netFlowUsd());
        assertEquals("FBTC", revised.product());
        assertEquals("Fidelity", revised.issuer());

        TestDb db = new TestDb(dataSource);
        List<List<Object>> history = db.rows("SELECT revision, CAST(event AS jsonb)->'data'->>'netFlowUsd' FROM event_log"
                + " WHERE figure_key = 'flow|farside|FBTC|2026-01-29' ORDER BY seq");
        assertEquals(List.of(List.of(1, "-339400000"), List.of(2, "-340400000")), history);
        Api.given().when().get("/api/v1/events/" + id)
                .then().statusCode(200)
                .body("data.revision", equalTo(2))
                .body("data.netFlowUsd", equalTo(-340400000));

        // The same correction again is a duplicate of revision 2.
        Api.importFile(query, corrected).then().statusCode(200)
                .body("duplicates", equalTo(1)).body("revisions", equalTo(0)).body("eventsAccepted", equalTo(0));
    }

    private static void assertFlows(TestDb db, String asset, long count, String sum) {
        List<Object> row = db.rows(FLOW_SUMS, asset).getFirst();
        assertEquals(count, ((Number) row.get(0)).longValue(), asset + " events in the log");
        assertEquals(0, new BigDecimal(sum).compareTo(new BigDecimal(row.get(1).toString())), asset + " sum in the log");
    }

    private static void assertMessageFlows(List<FundFlow> flows, int count, String sum) {
        assertEquals(count, flows.size());
        assertEquals(0, new BigDecimal(sum).compareTo(sum(flows.stream().map(FundFlow::netFlowUsd).toList())));
    }

    private static <T> List<T> dataOf(List<Received> messages, Class<T> type) {
        return messages.stream().map(m -> m.event().data()).filter(type::isInstance).map(type::cast).toList();
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
