package io.flowwatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventContractTest {

    private static OutputUnit validate(EventType type, String json) {
        Validator validator = Validator.create(
                JsonSchema.of(new JsonObject(ContractSamples.schema(type))),
                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://flowwatch.io/"));
        return validator.validate(new JsonObject(json));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleDecodesToItsTypeAndRoundTrips(EventType type) {
        String sample = ContractSamples.json(ContractSamples.sampleName(type));

        Event<?> decoded = EventCodec.decode(sample);
        assertInstanceOf(type.dataClass(), decoded.data());
        assertEquals(type, decoded.eventType());

        Event<?> again = EventCodec.decode(EventCodec.encode(decoded));
        assertEquals(decoded, again);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleAndItsReEncodingMatchTheSchema(EventType type) {
        String sample = ContractSamples.json(ContractSamples.sampleName(type));
        assertTrue(validate(type, sample).getValid(), () -> validate(type, sample).getErrors().toString());

        String reEncoded = EventCodec.encodeToString(EventCodec.decode(sample));
        assertTrue(validate(type, reEncoded).getValid(), () -> validate(type, reEncoded).getErrors().toString());
    }

    @Test
    void schemaRefusesAFundFlowWithoutNetFlow() {
        JsonObject sample = new JsonObject(ContractSamples.json("fund-flow"));
        sample.getJsonObject("data").remove("netFlowUsd");
        assertFalse(validate(EventType.FUND_FLOW, sample.encode()).getValid());
    }

    @Test
    void schemaRefusesAnUnknownSide() {
        JsonObject sample = new JsonObject(ContractSamples.json("liquidation"));
        sample.getJsonObject("data").put("side", "sideways");
        assertFalse(validate(EventType.LIQUIDATION, sample.encode()).getValid());
    }

    @Test
    void moneyStaysExactThroughJson() {
        var flow = new FundFlow("IBIT", "BlackRock", "BTC", "us-spot-etf", LocalDate.of(2026, 1, 29),
                new BigDecimal("-0.1"), 1);
        Event<FundFlow> event = Event.of(UUID.randomUUID(), "farside", Instant.parse("2026-01-30T00:00:00Z"), flow);

        String json = EventCodec.encodeToString(event);
        assertTrue(json.contains("\"netFlowUsd\":-0.1"), json);
        FundFlow back = (FundFlow) EventCodec.decode(json).data();
        assertEquals(new BigDecimal("-0.1"), back.netFlowUsd());

        var huge = new FundFlow("IBIT", null, "BTC", "us-spot-etf", LocalDate.of(2026, 1, 29),
                new BigDecimal("123456789012345678.000001"), 2);
        FundFlow hugeBack = (FundFlow) EventCodec.decode(EventCodec.encode(Event.of(UUID.randomUUID(), "x",
                Instant.EPOCH, huge))).data();
        assertEquals(0, huge.netFlowUsd().compareTo(hugeBack.netFlowUsd()));
        assertFalse(EventCodec.encodeToString(Event.of(UUID.randomUUID(), "x", Instant.EPOCH, huge)).contains("E+"));
    }

    @Test
    void envelopeAttributesFollowTheData() {
        Event<?> event = EventCodec.decode(ContractSamples.json("fund-flow"));
        assertEquals("flowwatch.fund-flow.v1", event.type());
        assertEquals("FBTC", event.subject());
        assertEquals("1.0", event.specversion());
        assertEquals("flow.btc.fbtc", event.routingKey());
    }

    @Test
    void routingKeysAreThreeLowerCaseWords() {
        assertEquals("quote.total.total",
                new Quote("TOTAL", Instant.EPOCH, null, BigDecimal.ONE).routingKey());
        assertEquals("holdings.btc.us-spot-etf:btc",
                new Holdings("us-spot-etf:BTC", LocalDate.EPOCH, BigDecimal.TEN).routingKey());
        assertEquals("liquidation.btc.hyperliquid", new Liquidation("hyperliquid", "BTC", Liquidation.Side.LONG,
                BigDecimal.ONE, Instant.EPOCH).routingKey());
        assertEquals("metric.flow-daily.us-spot-etf:btc", new MetricUpdate("flow.daily", "us-spot-etf:BTC", null,
                Instant.EPOCH, BigDecimal.ONE, null).routingKey());
    }

    @Test
    void unknownTypeIsRefusedByName() {
        String json = ContractSamples.json("fund-flow").replace("flowwatch.fund-flow.v1", "flowwatch.fund-flow.v9");
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.decode(json));
        assertEquals("/type", e.field());
        assertTrue(e.getMessage().contains("flowwatch.fund-flow.v9"));
    }

    @Test
    void anAmountWithAnAbsurdExponentIsRefusedByNameInsteadOfBeingWrittenOut() {
        String json = ContractSamples.json("fund-flow").replace("-339400000", "1e999999999");
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.decode(json));
        assertEquals("/data/netFlowUsd", e.field());
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());

        String tiny = ContractSamples.json("fund-flow").replace("-339400000", "1e-999999999");
        assertEquals("/data/netFlowUsd", assertThrows(EventFormatException.class, () -> EventCodec.decode(tiny)).field());
        assertThrows(IllegalArgumentException.class, () -> Money.canonical(new BigDecimal("1e999999999")));
        assertEquals(BigDecimal.ZERO, Money.canonical(new BigDecimal("0e999999999")));
    }

    @Test
    void aKeyGivenTwiceOrTextAfterTheDocumentIsRefused() throws Exception {
        String twice = ContractSamples.json("fund-flow").replace("\"netFlowUsd\": -339400000",
                "\"netFlowUsd\": -339400000, \"netFlowUsd\": 1");
        assertTrue(twice.contains("\"netFlowUsd\": 1"), "the sample still has the field");
        assertThrows(EventFormatException.class, () -> EventCodec.decode(twice));
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> EventCodec.mapper().readValue("{\"a\":1} {\"a\":2}", java.util.Map.class));
    }

    @Test
    void aNulCharacterInTextIsRefusedWithItsPath() {
        record Named(String name) {}
        var e = assertThrows(com.fasterxml.jackson.databind.JsonMappingException.class,
                () -> EventCodec.mapper().readValue("{\"name\":\"a\\u0000b\"}", Named.class));
        assertEquals("name", e.getPath().getFirst().getFieldName());
        assertTrue(e.getOriginalMessage().contains("NUL"), e.getOriginalMessage());
    }

    @Test
    void theSameEventReadsTheSameFromBytesTextAndATreeWhateverTheOrderOfItsFields() throws Exception {
        JsonObject sample = new JsonObject(ContractSamples.json("fund-flow"));
        JsonObject dataFirst = new JsonObject().put("data", sample.getJsonObject("data"));
        sample.fieldNames().stream().filter(name -> !name.equals("data")).forEach(name -> dataFirst.put(name, sample.getValue(name)));
        Event<?> expected = EventCodec.decode(sample.encode());

        assertEquals(expected, EventCodec.decode(dataFirst.encode()));
        assertEquals(expected, EventCodec.decode(dataFirst.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(expected, EventCodec.decode(EventCodec.mapper().readTree(dataFirst.encode())));
        assertEquals("", assertThrows(EventFormatException.class, () -> EventCodec.decode(sample.encode() + " {}")).field());
        assertEquals("", assertThrows(EventFormatException.class, () -> EventCodec.decode("")).field());
    }

    @Test
    void idsInTheirCanonicalFormAreReadDirectlyAndEveryOtherFormAsJacksonReadsIt() throws Exception {
        var jackson = EventCodec.mapper().readerFor(UUID.class);
        for (int i = 0; i < 1000; i++) {
            String text = UUID.randomUUID().toString();
            text = i % 2 == 0 ? text : text.toUpperCase();
            assertEquals(jackson.readValue("\"" + text + "\""), EventCodec.canonicalUuid(text), text);
        }
        for (String other : new String[] {"1-1-1-1-1", "7c1d3e5f-8a9b-4c0d-9e1f-2a3b4c5d6e0g", "7c1d3e5f+8a9b-4c0d-9e1f-2a3b4c5d6e04",
                "fB0+X4qbTA2eHyo7TF1uBA==", " 7c1d3e5f-8a9b-4c0d-9e1f-2a3b4c5d6e04"}) {
            assertEquals(null, EventCodec.canonicalUuid(other), other);
        }
        JsonObject sample = new JsonObject(ContractSamples.json("quote"));
        // Jackson also reads the 24-character Base64 form; the contract keeps reading what it read before.
        Event<?> base64 = EventCodec.decode(sample.copy().put("id", "fB0+X4qbTA2eHyo7TF1uBA==").encode());
        assertEquals(UUID.fromString("7c1d3e5f-8a9b-4c0d-9e1f-2a3b4c5d6e04"), base64.id());
        assertEquals("/id", assertThrows(EventFormatException.class,
                () -> EventCodec.decode(sample.copy().put("id", "1-1-1-1-1").encode())).field());
    }

    @Test
    void missingDataFieldIsNamed() {
        JsonObject sample = new JsonObject(ContractSamples.json("fund-flow"));
        sample.getJsonObject("data").remove("tradingDate");
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.decode(sample.encode()));
        assertEquals("/data/tradingDate", e.field());
    }

    @Test
    void wrongTypeOfFieldIsNamed() {
        JsonObject sample = new JsonObject(ContractSamples.json("fund-flow"));
        sample.getJsonObject("data").put("netFlowUsd", "a lot");
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.decode(sample.encode()));
        assertEquals("/data/netFlowUsd", e.field());
    }

    @Test
    void missingIdIsNamed() {
        JsonObject sample = new JsonObject(ContractSamples.json("quote"));
        sample.remove("id");
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.decode(sample.encode()));
        assertEquals("/id", e.field());
    }

    @Test
    void aQuoteNeedsAPriceOrAMarketCap() {
        JsonObject sample = new JsonObject(ContractSamples.json("quote"));
        sample.getJsonObject("data").remove("marketCapUsd");
        assertThrows(EventFormatException.class, () -> EventCodec.decode(sample.encode()));
        assertFalse(validate(EventType.QUOTE, sample.encode()).getValid());
    }

    @Test
    void deeplyNestedJsonIsRefusedWhileParsing() {
        String nested = "[".repeat(1000) + "]".repeat(1000);
        assertThrows(EventFormatException.class, () -> EventCodec.decode(nested));
    }
}
