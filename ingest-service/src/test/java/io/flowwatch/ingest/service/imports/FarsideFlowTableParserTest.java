package io.flowwatch.ingest.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.events.FundFlow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FarsideFlowTableParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-30T12:00:00Z"), ZoneOffset.UTC);
    private static final FarsideFlowTableParser PARSER = new FarsideFlowTableParser(new BigDecimal("0.1"), CLOCK);
    private static final String HEADER = "Date,IBIT,FBTC,GBTC,Total\n";

    private static ParseResult<FundFlow> parse(String text) {
        return PARSER.parse(text.getBytes(StandardCharsets.UTF_8), "BTC", "us-spot-etf", SeedWeek.LOOKUP);
    }

    private static List<BigDecimal> amounts(ParseResult<FundFlow> result) {
        return result.rows().stream().map(row -> row.data().netFlowUsd()).toList();
    }

    private static RowError onlyError(ParseResult<FundFlow> result) {
        assertEquals(1, result.errors().size(), result.errors().toString());
        return result.errors().getFirst();
    }

    @Test
    void aRowBecomesOneFlowPerFigureInUsDollars() {
        ParseResult<FundFlow> result = parse(HEADER + "29 Jan 2026,10.5,(2.25),-,8.25\n");
        assertTrue(result.ok());
        assertEquals(List.of(
                new ParsedRow<>(2, null, new FundFlow("IBIT", "BlackRock", "BTC", "us-spot-etf", LocalDate.of(2026, 1, 29),
                        new BigDecimal("10500000"), 1)),
                new ParsedRow<>(2, null, new FundFlow("FBTC", "Fidelity", "BTC", "us-spot-etf", LocalDate.of(2026, 1, 29),
                        new BigDecimal("-2250000"), 1))),
                result.rows());
    }

    @Test
    void parenthesesAreNegative() {
        assertEquals(List.of(new BigDecimal("-817900000")), amounts(parse(HEADER + "29 Jan 2026,(817.9),-,-,(817.9)\n")));
    }

    @Test
    void aLeadingMinusIsNegativeToo() {
        assertEquals(List.of(new BigDecimal("-817900000")), amounts(parse(HEADER + "29 Jan 2026,-817.9,-,-,-817.9\n")));
    }

    @Test
    void thousandsSeparatorsInQuotedFigures() {
        ParseResult<FundFlow> result = parse(HEADER + "29 Jan 2026,\"1,234.5\",\"(1,000.0)\",-,234.5\n");
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(new BigDecimal("1234500000"), new BigDecimal("-1000000000")), amounts(result));
    }

    @Test
    void dashOrEmptyIsNoFigureNotZero() {
        ParseResult<FundFlow> result = parse(HEADER + "29 Jan 2026,-,,5.0,5.0\n");
        assertTrue(result.ok());
        assertEquals(List.of("GBTC"), result.rows().stream().map(row -> row.data().product()).toList());
    }

    @Test
    void zeroAndNegativeZeroAreRealFiguresOfZero() {
        ParseResult<FundFlow> result = parse(HEADER + "29 Jan 2026,0.0,(0.0),-,0.0\n");
        assertTrue(result.ok());
        assertEquals(List.of(BigDecimal.ZERO, BigDecimal.ZERO), amounts(result));
    }

    @Test
    void aRowWithNoFiguresAndNoTotalYieldsNothing() {
        ParseResult<FundFlow> result = parse(HEADER + "29 Jan 2026,-,-,-,-\n");
        assertTrue(result.ok());
        assertEquals(1, result.rowsRead());
        assertEquals(List.of(), result.rows());
    }

    @Test
    void totalMismatchIsReportedWithBothNumbersAndTheRowYieldsNothing() {
        ParseResult<FundFlow> result = parse(HEADER + "28 Jan 2026,1.0,1.0,-,2.0\n29 Jan 2026,10.0,(2.0),-,9.0\n");
        RowError error = onlyError(result);
        assertEquals(3, error.line());
        assertEquals("Total", error.field());
        assertEquals("9.0", error.value());
        assertTrue(error.reason().contains("9.0") && error.reason().contains("8.0"), error.reason());
        assertEquals(List.of(2, 2), result.rows().stream().map(ParsedRow::line).toList(), "only the good row");
    }

    @Test
    void totalWithinToleranceIsAcceptedButNotAtZeroTolerance() {
        String table = HEADER + "29 Jan 2026,10.0,(2.0),-,8.1\n";
        assertTrue(parse(table).ok());
        ParseResult<FundFlow> exact = new FarsideFlowTableParser(BigDecimal.ZERO, CLOCK)
                .parse(table.getBytes(StandardCharsets.UTF_8), "BTC", "us-spot-etf", SeedWeek.LOOKUP);
        assertEquals("Total", onlyError(exact).field());
    }

    @Test
    void missingTotalWithFiguresIsAnError() {
        assertEquals("Total", onlyError(parse(HEADER + "29 Jan 2026,1.0,-,-,-\n")).field());
    }

    @Test
    void unknownTickerIsAHeaderErrorNamingItAndNoRows() {
        ParseResult<FundFlow> result = parse("Date,IBIT,ZZZZ,Total\n29 Jan 2026,1.0,2.0,3.0\n");
        RowError error = onlyError(result);
        assertEquals(new RowError(1, "header", "ZZZZ", "unknown ticker ZZZZ"), error);
        assertEquals(List.of(), result.rows());
    }

    @Test
    void tickerOfAnotherAssetIsAHeaderError() {
        RowError error = onlyError(parse("Date,IBIT,ETHA,Total\n29 Jan 2026,1.0,2.0,3.0\n"));
        assertEquals("ETHA", error.value());
        assertTrue(error.reason().contains("ETH fund, not BTC"), error.reason());
    }

    @Test
    void missingDateOrTotalColumnIsAHeaderError() {
        ParseResult<FundFlow> noDate = parse("IBIT,Total\n1.0,1.0\n");
        assertEquals(List.of(new RowError(1, "header", "IBIT,Total", "the Date column is missing")), noDate.errors());
        ParseResult<FundFlow> noTotal = parse("Date,IBIT\n29 Jan 2026,1.0\n");
        assertEquals(List.of("the Total column is missing"), noTotal.errors().stream().map(RowError::reason).toList());
    }

    @Test
    void saturdayIsNotATradingDay() {
        RowError error = onlyError(parse(HEADER + "31 Jan 2026,1.0,-,-,1.0\n"));
        assertEquals(new RowError(2, "Date", "31 Jan 2026", "2026-01-31 (SATURDAY) is not a US trading day"), error);
    }

    @Test
    void christmasIsNotATradingDay() {
        RowError error = onlyError(parse(HEADER + "25 Dec 2025,1.0,-,-,1.0\n"));
        assertEquals("Date", error.field());
        assertTrue(error.reason().contains("not a US trading day"));
    }

    @Test
    void datesMustLookLikeFarsides() {
        assertEquals("Date", onlyError(parse(HEADER + "2026-01-29,1.0,-,-,1.0\n")).field());
        assertEquals("Date", onlyError(parse(HEADER + "30 Feb 2026,1.0,-,-,1.0\n")).field());
        assertTrue(parse(HEADER + "29 JAN 2026,1.0,-,-,1.0\n").ok());
    }

    @Test
    void futureDatesAreOutOfRange() {
        assertTrue(onlyError(parse(HEADER + "03 Feb 2026,1.0,-,-,1.0\n")).reason().contains("out of range"));
    }

    @Test
    void duplicateDateIsAnError() {
        ParseResult<FundFlow> result = parse(HEADER + "29 Jan 2026,1.0,-,-,1.0\n29 Jan 2026,2.0,-,-,2.0\n");
        RowError error = onlyError(result);
        assertEquals(3, error.line());
        assertTrue(error.reason().contains("already on line 2"), error.reason());
        assertEquals(1, result.rows().size());
    }

    @Test
    void figureBeforeInceptionIsAnErrorButNoFigureIsFine() {
        ProductLookup lookup = ticker -> Optional.of(new Product(ticker, "Issuer", "BTC", "us-spot-etf", LocalDate.of(2026, 1, 29)));
        byte[] early = (HEADER + "28 Jan 2026,1.0,-,-,1.0\n").getBytes(StandardCharsets.UTF_8);
        RowError error = onlyError(PARSER.parse(early, "BTC", "us-spot-etf", lookup));
        assertEquals("IBIT", error.field());
        assertTrue(error.reason().contains("inception"));
        byte[] empty = (HEADER + "28 Jan 2026,-,-,-,-\n").getBytes(StandardCharsets.UTF_8);
        assertTrue(PARSER.parse(empty, "BTC", "us-spot-etf", lookup).ok());
    }

    @Test
    void badFiguresNameLineColumnAndValueAndTheRowYieldsNothing() {
        ParseResult<FundFlow> result = parse(HEADER
                + "27 Jan 2026,NaN,-,-,1.0\n"
                + "28 Jan 2026,1e9,-,-,1.0\n"
                + "29 Jan 2026,1.0,\"1234567890123456.0\",5.0x,1.0\n");
        assertEquals(List.of(
                new RowError(2, "IBIT", "NaN", "NaN and Infinity are not numbers here"),
                new RowError(3, "IBIT", "1e9", "exponents are not allowed; write the number out in full"),
                new RowError(4, "FBTC", "1234567890123456.0", "more than 15 integer digits")),
                result.errors().stream().filter(error -> !error.field().equals("GBTC")).toList(),
                "no Total mismatch is claimed for rows whose figures could not be read");
        assertTrue(result.errors().stream().anyMatch(error -> error.line() == 4 && error.field().equals("GBTC")
                && error.value().equals("5.0x")));
        assertEquals(List.of(), result.rows());
        assertFalse(result.ok());
    }

    @Test
    void tickersMayBeLookedUpIgnoringCase() {
        ProductLookup ignoringCase = ticker -> SeedWeek.LOOKUP.find(ticker.toUpperCase(Locale.ROOT));
        ParseResult<FundFlow> result = PARSER.parse("date,ibit,TOTAL\n29 Jan 2026,1.0,1.0\n".getBytes(StandardCharsets.UTF_8),
                "btc", "us-spot-etf", ignoringCase);
        assertEquals(List.of(), result.errors());
        assertEquals("IBIT", result.rows().getFirst().data().product());
        assertEquals("BTC", result.rows().getFirst().data().asset());
    }

    @Test
    void fileProblemsAreReportedWithoutRows() {
        assertEquals("file", onlyError(PARSER.parse(new byte[0], "BTC", "us-spot-etf", SeedWeek.LOOKUP)).field());
        assertTrue(onlyError(parse("Date;IBIT;Total\n29 Jan 2026;1.0;1.0\n")).reason().contains("comma"));
        ParseResult<FundFlow> headerOnly = parse(HEADER);
        assertTrue(headerOnly.ok());
        assertEquals(0, headerOnly.rowsRead());
    }

    @Test
    void crlfAndBomWork() {
        byte[] body = ("\uFEFF" + HEADER.replace("\n", "\r\n") + "29 Jan 2026,1.0,-,-,1.0\r\n").getBytes(StandardCharsets.UTF_8);
        ParseResult<FundFlow> result = PARSER.parse(body, "BTC", "us-spot-etf", SeedWeek.LOOKUP);
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(new BigDecimal("1000000")), amounts(result));
    }
}
