package io.flowwatch.ingest.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.events.FundFlow;
import io.flowwatch.events.Holdings;
import io.flowwatch.events.Liquidation;
import io.flowwatch.events.Money;
import io.flowwatch.events.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every seed-week file parses without an error, to the exact counts and sums the scenario reports. */
class SeedWeekImportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-30T12:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate JAN_29 = LocalDate.of(2026, 1, 29);

    /** Totals in these files equal the sums of their figures exactly, so a tolerance of zero passes. */
    private static final FarsideFlowTableParser EXACT = new FarsideFlowTableParser(BigDecimal.ZERO, CLOCK);

    private static ParseResult<FundFlow> flows(String asset) {
        String file = asset.toLowerCase() + "-spot-etf-flows.csv";
        ParseResult<FundFlow> result = EXACT.parse(SeedWeek.file(file), asset, "us-spot-etf", SeedWeek.LOOKUP);
        assertEquals(List.of(), result.errors(), file);
        return result;
    }

    private static BigDecimal sum(List<ParsedRow<FundFlow>> rows) {
        return rows.stream().map(row -> row.data().netFlowUsd()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @ParameterizedTest(name = "{0}: {1} rows, {2} events summing to {3}; on 2026-01-29 {4} events summing to {5}")
    @CsvSource({
        "BTC, 52, 467, -4865000000, 9, -817900000",
        "ETH, 4, 26, -196900000, 5, -155600000",
        "XRP, 4, 16, -100400000, 4, -92900000",
        "SOL, 4, 21, 7800000, 5, -2200000"})
    void flowTablesParseExactlyAtZeroTolerance(String asset, int rowsRead, int events, long total, int eventsOn29,
            long totalOn29) {
        ParseResult<FundFlow> result = flows(asset);
        assertTrue(result.ok());
        assertEquals(rowsRead, result.rowsRead());
        assertEquals(events, result.rows().size());
        assertEquals(BigDecimal.valueOf(total), sum(result.rows()));
        List<ParsedRow<FundFlow>> on29 = result.rows().stream().filter(row -> row.data().tradingDate().equals(JAN_29)).toList();
        assertEquals(eventsOn29, on29.size());
        assertEquals(BigDecimal.valueOf(totalOn29), sum(on29));
        assertTrue(result.rows().stream().allMatch(row -> row.data().asset().equals(asset)
                && row.data().productKind().equals("us-spot-etf") && row.data().revision() == 1 && row.source() == null));
    }

    @Test
    void btcOnTheDayOfTheRecordOutflow() {
        Map<String, FundFlow> byFund = flows("BTC").rows().stream()
                .map(ParsedRow::data)
                .filter(flow -> flow.tradingDate().equals(JAN_29))
                .collect(Collectors.toMap(FundFlow::product, flow -> flow));
        assertTrue(!byFund.containsKey("IBIT") && !byFund.containsKey("HODL"), "'-' is no figure, not a zero");
        assertEquals(new BigDecimal("-339400000"), byFund.get("FBTC").netFlowUsd());
        assertEquals("Fidelity", byFund.get("FBTC").issuer());
        assertEquals(new BigDecimal("-49600000"), byFund.get("BTC").netFlowUsd());
        assertEquals("Grayscale", byFund.get("BTC").issuer());
    }

    @Test
    void btcWeekAndMonthFiguresOfTheReadme() {
        List<FundFlow> flows = flows("BTC").rows().stream().map(ParsedRow::data).toList();
        assertEquals(new BigDecimal("-978000000"), between(flows, "2026-01-26", "2026-01-29"));
        assertEquals(new BigDecimal("-1263600000"), between(flows, "2026-01-20", "2026-01-23"));
        assertEquals(new BigDecimal("-1100000000"), between(flows, "2026-01-01", "2026-01-29"));
        assertEquals(new BigDecimal("-903100000"), between(flows, "2025-11-20", "2025-11-20"));
    }

    private static BigDecimal between(List<FundFlow> flows, String first, String last) {
        return flows.stream()
                .filter(flow -> !flow.tradingDate().isBefore(LocalDate.parse(first))
                        && !flow.tradingDate().isAfter(LocalDate.parse(last)))
                .map(FundFlow::netFlowUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void solZeroRowIsSixRealZeroFlows() {
        List<FundFlow> jan28 = flows("SOL").rows().stream().map(ParsedRow::data)
                .filter(flow -> flow.tradingDate().equals(LocalDate.of(2026, 1, 28))).toList();
        assertEquals(6, jan28.size());
        assertTrue(jan28.stream().allMatch(flow -> flow.netFlowUsd().equals(BigDecimal.ZERO)));
    }

    @Test
    void quotes() {
        ParseResult<Quote> result = new QuotesCsvParser(CLOCK).parse(SeedWeek.file("quotes.csv"));
        assertEquals(List.of(), result.errors());
        assertEquals(310, result.rowsRead());
        assertEquals(310, result.rows().size());
        List<Quote> quotes = result.rows().stream().map(ParsedRow::data).toList();
        assertEquals(73, quotes.stream().filter(quote -> quote.priceUsd() == null).count());
        assertEquals(93, quotes.stream().filter(quote -> quote.marketCapUsd() == null).count());
        assertEquals(new BigDecimal("6836490.74"),
                quotes.stream().map(Quote::priceUsd).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertEquals(new BigDecimal("373174727343500"), Money.canonical(
                quotes.stream().map(Quote::marketCapUsd).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add)));
        Quote first = quotes.getFirst();
        assertEquals(new Quote("TOTAL", Instant.parse("2026-01-23T21:00:00Z"), null, new BigDecimal("3122800000000")), first);
        assertEquals(2, result.rows().getFirst().line());
    }

    @Test
    void liquidations() {
        ParseResult<Liquidation> result = new LiquidationsCsvParser(CLOCK).parse(SeedWeek.file("liquidations.csv"));
        assertEquals(List.of(), result.errors());
        assertEquals(79, result.rowsRead());
        assertEquals(79, result.rows().size());
        List<Liquidation> all = result.rows().stream().map(ParsedRow::data).toList();
        assertTrue(all.stream().allMatch(liquidation -> liquidation.venue().equals("hyperliquid")));
        assertEquals(new BigDecimal("89514528.87"),
                all.stream().map(Liquidation::notionalUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertEquals(new BigDecimal("87100000"), all.stream()
                .filter(liquidation -> liquidation.side() == Liquidation.Side.LONG)
                .map(Liquidation::notionalUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void holdings() {
        ParseResult<Holdings> result = new HoldingsCsvParser(CLOCK).parse(SeedWeek.file("holdings.csv"));
        assertEquals(List.of(), result.errors());
        assertEquals(3, result.rowsRead());
        assertEquals(List.of(
                new ParsedRow<>(2, "sosovalue", new Holdings("us-spot-etf:BTC", JAN_29, new BigDecimal("107650000000"))),
                new ParsedRow<>(3, "sosovalue", new Holdings("us-spot-etf:ETH", JAN_29, new BigDecimal("16750000000"))),
                new ParsedRow<>(4, "coinshares", new Holdings("all-etp:ALL", LocalDate.of(2026, 1, 23), new BigDecimal("178000000000")))),
                result.rows());
    }

    @Test
    void theSeedProductFileListsTheSameProducts() throws IOException {
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/db/seed/products.csv")) {
            assertNotNull(in, "db/seed/products.csv on the class path");
            body = in.readAllBytes();
        }
        Csv.Table table = Csv.read(body);
        assertEquals(List.of(), table.errors());
        assertEquals(List.of("ticker", "issuer", "asset", "kind", "inception_date"), table.header());
        List<Product> fromFile = table.records().stream()
                .map(record -> new Product(record.fields().get(0), record.fields().get(1), record.fields().get(2),
                        record.fields().get(3), LocalDate.parse(record.fields().get(4))))
                .toList();
        assertEquals(SeedWeek.PRODUCTS, fromFile);
    }

    @Test
    void everyFundIsOnOrBeforeTheFirstDateOfItsTable() {
        for (String asset : List.of("BTC", "ETH", "XRP", "SOL")) {
            ParseResult<FundFlow> result = flows(asset);
            LocalDate first = result.rows().getFirst().data().tradingDate();
            SeedWeek.PRODUCTS.stream().filter(product -> product.asset().equals(asset))
                    .forEach(product -> assertTrue(!product.inceptionDate().isAfter(first), product.ticker()));
        }
    }
}
