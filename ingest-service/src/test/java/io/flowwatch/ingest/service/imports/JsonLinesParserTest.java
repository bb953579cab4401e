package io.flowwatch.ingest.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.FundFlow;
import io.flowwatch.events.Quote;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonLinesParserTest {

    private static final Event<FundFlow> FLOW = Event.of(UUID.fromString("0b9c6a52-7c1e-4d55-9a55-5b0f5f0c8a01"), "farside",
            Instant.parse("2026-01-30T01:15:00Z"), new FundFlow("FBTC", "Fidelity", "BTC", "us-spot-etf",
                    LocalDate.of(2026, 1, 29), new BigDecimal("-339400000"), 1));
    private static final Event<Quote> QUOTE = Event.of(UUID.fromString("0b9c6a52-7c1e-4d55-9a55-5b0f5f0c8a02"), "coingecko",
            Instant.parse("2026-01-29T20:00:00Z"), new Quote("BTC", Instant.parse("2026-01-29T20:00:00Z"),
                    new BigDecimal("82610"), null));

    private static ParseResult<Event<?>> parse(String text) {
        return new JsonLinesParser().parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneEventPerLineBlankLinesSkipped() {
        ParseResult<Event<?>> result = parse(EventCodec.encodeToString(FLOW) + "\r\n\n" + EventCodec.encodeToString(QUOTE) + "\n\n");
        assertEquals(List.of(), result.errors());
        assertEquals(2, result.rowsRead());
        assertEquals(List.of(new ParsedRow<Event<?>>(1, null, FLOW), new ParsedRow<Event<?>>(3, null, QUOTE)), result.rows());
    }

    @Test
    void invalidEventsAreErrorsNamingTheJsonPointer() {
        String badMoney = EventCodec.encodeToString(FLOW).replace("-339400000", "\"lots\"");
        ParseResult<Event<?>> result = parse("{not json\n" + badMoney + "\n" + EventCodec.encodeToString(QUOTE) + "\n");
        assertEquals(1, result.rows().size());
        assertEquals(List.of(1, 2), result.errors().stream().map(RowError::line).toList());
        assertEquals("", result.errors().get(0).field());
        assertEquals("/data/netFlowUsd", result.errors().get(1).field());
        assertTrue(result.errors().get(1).value().startsWith("{"));
    }

    @Test
    void invalidUtf8IsAFileError() {
        ParseResult<Event<?>> result = new JsonLinesParser().parse(new byte[] {'{', (byte) 0xC3, '}'});
        assertEquals(List.of("file"), result.errors().stream().map(RowError::field).toList());
        assertTrue(result.errors().getFirst().reason().contains("byte offset 1"));
    }
}
