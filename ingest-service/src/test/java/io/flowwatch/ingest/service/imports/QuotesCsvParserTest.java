package io.flowwatch.ingest.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.events.Quote;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotesCsvParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-30T12:00:00Z"), ZoneOffset.UTC);
    private static final String HEADER = "time,instrument,price_usd,market_cap_usd\n";

    private static ParseResult<Quote> parse(String text) {
        return new QuotesCsvParser(CLOCK).parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fieldsInError(ParseResult<Quote> result) {
        return result.errors().stream().map(RowError::field).toList();
    }

    @Test
    void readsPriceOrMarketCapOrBothAndUpperCasesTheInstrument() {
        ParseResult<Quote> result = parse(HEADER
                + "2026-01-29T20:00:00Z,btc,82610.00,\n"
                + "2026-01-29T15:00:00-05:00,TOTAL,,\"2,920,000,000,000\"\n"
                + "2026-01-29T20:00:00+00:00,ETH,2734.5,329993800000\n");
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(
                new Quote("BTC", Instant.parse("2026-01-29T20:00:00Z"), new BigDecimal("82610"), null),
                new Quote("TOTAL", Instant.parse("2026-01-29T20:00:00Z"), null, new BigDecimal("2920000000000")),
                new Quote("ETH", Instant.parse("2026-01-29T20:00:00Z"), new BigDecimal("2734.5"), new BigDecimal("329993800000"))),
                result.rows().stream().map(ParsedRow::data).toList());
    }

    @Test
    void neitherPriceNorMarketCapIsAnError() {
        ParseResult<Quote> result = parse(HEADER + "2026-01-29T20:00:00Z,BTC,,\n");
        assertEquals(List.of(new RowError(2, "price_usd", "", "price_usd or market_cap_usd is required")), result.errors());
        assertEquals(List.of(), result.rows());
    }

    @Test
    void zeroOrNegativeAmountsAreErrors() {
        ParseResult<Quote> result = parse(HEADER + "2026-01-29T20:00:00Z,BTC,0,\n2026-01-29T20:00:00Z,BTC,,-5\n");
        assertEquals(List.of("price_usd", "market_cap_usd"), fieldsInError(result));
        assertEquals(List.of(2, 3), result.errors().stream().map(RowError::line).toList());
    }

    @Test
    void timesNeedAnOffsetAndMustBeInRange() {
        ParseResult<Quote> result = parse(HEADER
                + "2026-01-29T20:00:00,BTC,1,\n"      // no offset
                + "2026-01-29,BTC,1,\n"               // a date only
                + "2008-12-31T00:00:00Z,BTC,1,\n"     // before Bitcoin
                + "2026-02-01T00:00:00Z,BTC,1,\n"     // more than a day after the clock
                + "2026-01-31T11:59:59Z,BTC,1,\n");   // within a day: fine
        assertEquals(List.of(2, 3, 4, 5), result.errors().stream().map(RowError::line).toList());
        assertTrue(result.errors().stream().allMatch(error -> error.field().equals("time")));
        assertEquals(1, result.rows().size());
        assertEquals(5, result.rowsRead());
    }

    @Test
    void everyProblemOfARowIsReported() {
        ParseResult<Quote> result = parse(HEADER + "yesterday,B T C,1e3,NaN\n");
        assertEquals(List.of("time", "instrument", "price_usd", "market_cap_usd"), fieldsInError(result));
    }

    @Test
    void headerMustMatchIgnoringCaseAndBlanks() {
        assertTrue(parse(" Time , INSTRUMENT,price_usd,market_cap_usd\r\n2026-01-29T20:00:00Z,BTC,1,\r\n").ok());
        ParseResult<Quote> wrong = parse("time,instrument,price,market_cap_usd\n2026-01-29T20:00:00Z,BTC,1,\n");
        assertEquals(List.of("header"), fieldsInError(wrong));
        assertTrue(wrong.errors().getFirst().reason().contains("time,instrument,price_usd,market_cap_usd"));
        assertEquals(List.of(), wrong.rows());
    }

    @Test
    void semicolonsAreRefusedWithAClearMessage() {
        ParseResult<Quote> result = parse("time;instrument;price_usd;market_cap_usd\n2026-01-29T20:00:00Z;BTC;1;\n");
        assertEquals(1, result.errors().size());
        assertTrue(result.errors().getFirst().reason().contains("delimiter must be a comma"));
    }
}
