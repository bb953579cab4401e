package io.flowwatch.analytics.domain;

import static io.flowwatch.analytics.domain.Amounts.assertAmount;
import static io.flowwatch.analytics.domain.Amounts.millions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.flowwatch.analytics.domain.LiquidationWindow.Event;
import io.flowwatch.analytics.domain.QuoteSeries.Change;
import io.flowwatch.analytics.domain.QuoteSeries.Field;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every figure of the seed-week README table that the flow, quote, holdings and liquidation files cover. */
class SeedWeekFiguresTest {

    private static final LocalDate JAN_29 = LocalDate.parse("2026-01-29");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Duration DAY = Duration.ofHours(24);

    private static FlowSummary summary(String file, LocalDate date) {
        return SeedWeek.flowTotals(file).summaryAt(date).orElseThrow();
    }

    @Test
    void readerUnderstandsFarsideCells() {
        assertAmount("-817.9", SeedWeek.farsideMillions("(817.9)"));
        assertAmount("1234.5", SeedWeek.farsideMillions("1,234.5"));
        assertAmount("-1234.5", SeedWeek.farsideMillions("(1,234.5)"));
        assertNull(SeedWeek.farsideMillions("-"));
        assertEquals(List.of("29 Jan 2026", "1,234.5", "(3.0)"), SeedWeek.splitCsv("29 Jan 2026,\"1,234.5\",(3.0)"));
    }

    @Test
    void bitcoinEtfsOnJanuary29() {
        FlowSummary btc = summary("btc-spot-etf-flows.csv", JAN_29);
        assertEquals(millions("-817.9"), btc.net());
        assertAmount("-817900000", btc.net());

        RecordContext record = btc.record();
        assertEquals(FlowDirection.OUTFLOW, record.direction());
        assertEquals(LocalDate.parse("2025-11-20"), record.since());
        assertEquals(70, record.daysSince());
        assertAmount("-903100000", record.lastLarger());
        assertEquals(LocalDate.parse("2025-11-13"), record.historyStart());

        assertAmount("-978000000", btc.weekToDate());
        assertAmount("-1100000000", btc.monthToDate());
        assertEquals(new Streak(FlowDirection.OUTFLOW, 3), btc.streak());
    }

    @Test
    void bitcoinEtfsTheWeekBefore() {
        FlowSeries btc = SeedWeek.flowTotals("btc-spot-etf-flows.csv");
        // Tue 2026-01-20 … Fri 01-23 (Monday 01-19 was a US holiday).
        assertAmount("-1263600000", btc.summaryAt(LocalDate.parse("2026-01-23")).orElseThrow().weekToDate());
        assertAmount("-1263600000", btc.rollingSum(LocalDate.parse("2026-01-23"), 4));
        assertAmount("0", btc.summaryAt(JAN_29.minusDays(3)).orElseThrow().previousWeekToDate()); // Monday 01-26
    }

    @Test
    void otherAssetClassesOnJanuary29() {
        FlowSummary eth = summary("eth-spot-etf-flows.csv", JAN_29);
        assertAmount("-155600000", eth.net());
        assertAmount("-973500000", eth.net().add(summary("btc-spot-etf-flows.csv", JAN_29).net()));
        assertAmount("-92900000", summary("xrp-spot-etf-flows.csv", JAN_29).net());

        FlowSummary sol = summary("sol-spot-etf-flows.csv", JAN_29);
        assertAmount("-2200000", sol.net());
        assertAmount("7800000", sol.weekToDate());
        assertAmount("10000000", summary("sol-spot-etf-flows.csv", LocalDate.parse("2026-01-27")).weekToDate());
    }

    @Test
    void quoteChangesOver24Hours() {
        Map<String, QuoteSeries> quotes = SeedWeek.quotes();
        Instant at = Instant.parse("2026-01-29T20:00:00Z");

        Change total = quotes.get("TOTAL").change(at, DAY).orElseThrow();
        assertEquals(Field.MARKET_CAP, total.field());
        assertAmount("3106400000000", total.from());
        assertAmount("2920000000000", total.to());
        assertEquals(new BigDecimal("-6.00"), total.percent());

        Change gold = quotes.get("XAU").change(at, DAY).orElseThrow();
        assertEquals(Field.PRICE, gold.field());
        assertEquals(new BigDecimal("-4.00"), gold.percent());

        Change msft = quotes.get("MSFT").change(at, DAY).orElseThrow();
        assertEquals(new BigDecimal("-10.00"), msft.percent());
        assertEquals(Instant.parse("2026-01-28T20:00:00Z"), msft.fromTime());
    }

    @Test
    void holdingsAsAShareOfMarketCap() {
        Map<String, QuoteSeries> quotes = SeedWeek.quotes();
        Map<String, SeedWeek.HoldingsRow> holdings = SeedWeek.holdings().stream()
                .collect(java.util.stream.Collectors.toMap(SeedWeek.HoldingsRow::scope, row -> row));

        assertEquals(new BigDecimal("6.52"), shareAtClose(holdings.get("us-spot-etf:BTC"), quotes.get("BTC")).percent());
        assertAmount("1649969530000", shareAtClose(holdings.get("us-spot-etf:BTC"), quotes.get("BTC")).marketCap());
        assertEquals(new BigDecimal("5.08"), shareAtClose(holdings.get("us-spot-etf:ETH"), quotes.get("ETH")).percent());
        HoldingsShare allEtp = shareAtClose(holdings.get("all-etp:ALL"), quotes.get("TOTAL"));
        assertAmount("3122800000000", allEtp.marketCap());
        assertEquals(new BigDecimal("5.70"), allEtp.percent());
    }

    /** Holdings are end-of-day figures: the market cap in force at the 16:00 New York close of their date. */
    private static HoldingsShare shareAtClose(SeedWeek.HoldingsRow holdings, QuoteSeries quotes) {
        Instant close = holdings.date().atTime(LocalTime.of(16, 0)).atZone(NEW_YORK).toInstant();
        assertEquals(21, close.atZone(ZoneId.of("UTC")).getHour()); // EST in January
        return HoldingsShare.of(holdings.totalNetAssets(), quotes.marketCapAt(close).orElseThrow());
    }

    @Test
    void hyperliquidLongLiquidationsLargestFourHourWindow() {
        LiquidationWindow longs = LiquidationWindow.of(SeedWeek.liquidations().stream()
                .filter(row -> row.venue().equals("hyperliquid") && row.side().equals("long"))
                .map(row -> new Event(row.time(), row.notional()))
                .toList());
        Instant dayStart = JAN_29.atStartOfDay(ZoneId.of("UTC")).toInstant();
        LiquidationWindow.Window largest = longs
                .largestWindowWithin(dayStart, dayStart.plus(DAY).minusNanos(1), Duration.ofHours(4))
                .orElseThrow();
        assertAmount("87100000", largest.total());
        assertEquals(Instant.parse("2026-01-29T13:00:00Z"), largest.start());
        assertEquals(Instant.parse("2026-01-29T15:57:00Z"), largest.end().truncatedTo(ChronoUnit.MINUTES));
        assertAmount("87100000", longs.totalEndingAt(largest.end(), Duration.ofHours(4)));
    }
}
