package io.flowwatch.ingest.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.events.Liquidation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiquidationsCsvParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-30T12:00:00Z"), ZoneOffset.UTC);
    private static final String HEADER = "time,venue,instrument,side,notional_usd\n";

    private static ParseResult<Liquidation> parse(String text) {
        return new LiquidationsCsvParser(CLOCK).parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void venueLowerInstrumentUpperSideAnyCase() {
        ParseResult<Liquidation> result = parse(HEADER + "2026-01-29T13:02:41Z, Hyperliquid ,eth,LONG,\"1,440,000.00\"\n");
        assertEquals(List.of(), result.errors());
        assertEquals(new Liquidation("hyperliquid", "ETH", Liquidation.Side.LONG, new BigDecimal("1440000"),
                Instant.parse("2026-01-29T13:02:41Z")), result.rows().getFirst().data());
    }

    @Test
    void badSideAndNonPositiveNotionalAreErrors() {
        ParseResult<Liquidation> result = parse(HEADER
                + "2026-01-29T13:00:00Z,hyperliquid,BTC,both,100\n"
                + "2026-01-29T13:00:00Z,hyperliquid,BTC,short,0\n"
                + "2026-01-29T13:00:00Z,hyperliquid,BTC,short,-5\n"
                + "2026-01-29T13:00:00Z,hyper liquid,BTC,short,5\n");
        assertEquals(List.of("side", "notional_usd", "notional_usd", "venue"),
                result.errors().stream().map(RowError::field).toList());
        assertEquals(List.of(2, 3, 4, 5), result.errors().stream().map(RowError::line).toList());
        assertEquals(List.of(), result.rows());
    }

    @Test
    void truncatedRowIsReportedAndTheOthersKept() {
        ParseResult<Liquidation> result = parse(HEADER + "2026-01-29T13:00:00Z,hyperliquid,BTC,long\n"
                + "2026-01-29T13:00:00Z,hyperliquid,BTC,long,5\n");
        assertEquals(List.of(new RowError(2, "row", "2026-01-29T13:00:00Z,hyperliquid,BTC,long",
                "expected 5 fields as in the header, found 4")), result.errors());
        assertEquals(1, result.rows().size());
        assertEquals(2, result.rowsRead());
    }
}
