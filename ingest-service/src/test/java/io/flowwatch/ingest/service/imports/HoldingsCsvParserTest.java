package io.flowwatch.ingest.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.events.Holdings;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldingsCsvParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-30T12:00:00Z"), ZoneOffset.UTC);
    private static final String HEADER = "date,scope,total_net_assets_usd,source\n";

    private static ParseResult<Holdings> parse(String text) {
        return new HoldingsCsvParser(CLOCK).parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void scopesAreNormalizedAndTheSourceIsKept() {
        ParseResult<Holdings> result = parse(HEADER
                + "2026-01-29,US-Spot-ETF:btc,107650000000,sosovalue\n"
                + "2026-01-29,ibit,\"70,000,000,000.50\",\n");
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(
                new ParsedRow<>(2, "sosovalue", new Holdings("us-spot-etf:BTC", LocalDate.of(2026, 1, 29), new BigDecimal("107650000000"))),
                new ParsedRow<>(3, null, new Holdings("IBIT", LocalDate.of(2026, 1, 29), new BigDecimal("70000000000.5")))),
                result.rows());
    }

    @Test
    void badFieldsAreErrors() {
        ParseResult<Holdings> result = parse(HEADER
                + "29 Jan 2026,all-etp:ALL,1,x\n"
                + "2026-01-29,all-etp:,1,x\n"
                + "2026-01-29,all-etp:ALL,-1,x\n"
                + "2008-06-30,all-etp:ALL,1,x\n"
                + "2026-02-02,all-etp:ALL,1,x\n"
                + "2026-01-29,all-etp:ALL,1.5e11,x\n");
        assertEquals(List.of("date", "scope", "total_net_assets_usd", "date", "date", "total_net_assets_usd"),
                result.errors().stream().map(RowError::field).toList());
        assertEquals(List.of(), result.rows());
        assertTrue(result.errors().get(3).reason().contains("out of range"));
    }

    @Test
    void tabsAreRefusedWithAClearMessage() {
        ParseResult<Holdings> result = parse("date\tscope\ttotal_net_assets_usd\tsource\n");
        assertTrue(result.errors().getFirst().reason().contains("delimiter must be a comma"));
    }
}
