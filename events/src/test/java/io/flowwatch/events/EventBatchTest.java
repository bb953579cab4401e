package io.flowwatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatchTest {

    private static String sample(EventType type) {
        return EventCodec.encodeToString(EventCodec.decode(ContractSamples.json(ContractSamples.sampleName(type))));
    }

    @Test
    void joinedEventsSplitBackIntoTheSameEventsInOrder() {
        List<String> encoded = List.of(sample(EventType.QUOTE), sample(EventType.FUND_FLOW), sample(EventType.LIQUIDATION));

        List<EventBatch.Element> elements = EventBatch.split(EventBatch.join(encoded));

        assertEquals(3, elements.size());
        for (int i = 0; i < encoded.size(); i++) {
            EventBatch.Element element = elements.get(i);
            assertEquals(i, element.index());
            assertTrue(element.valid());
            assertEquals(EventCodec.decode(encoded.get(i)), element.event());
            assertEquals(EventCodec.decode(encoded.get(i)), EventCodec.decode(element.json()));
        }
    }

    @Test
    void aBadElementIsReportedWithItsIndexAndTheOthersStillDecode() {
        String body = "[" + sample(EventType.QUOTE) + ",{\"type\":\"flowwatch.quote.v1\",\"data\":7}]";

        List<EventBatch.Element> elements = EventBatch.split(body.getBytes(StandardCharsets.UTF_8));

        assertTrue(elements.get(0).valid());
        assertFalse(elements.get(1).valid());
        assertNull(elements.get(1).event());
        assertEquals("/1/data", elements.get(1).error().field());
        assertEquals("{\"type\":\"flowwatch.quote.v1\",\"data\":7}", new String(elements.get(1).json(), StandardCharsets.UTF_8));
    }

    @Test
    void everyElementKeepsItsBytesExactlyAsSentWhateverItIs() {
        String quote = sample(EventType.QUOTE);
        String[] sent = {"{\"type\" : \"flowwatch.quote.v1\"}", "7", "\"a \\\" quoted, text\"", "[1, [2, {\"a\": 3}]]", "null",
            quote, "{}"};
        String body = "[ " + String.join(" ,\n  ", sent) + "\t]  ";

        List<EventBatch.Element> elements = EventBatch.split(body.getBytes(StandardCharsets.UTF_8));

        assertEquals(sent.length, elements.size());
        for (int i = 0; i < sent.length; i++) {
            assertEquals(sent[i], new String(elements.get(i).json(), StandardCharsets.UTF_8), "element " + i);
            assertEquals(i, elements.get(i).index());
        }
        assertEquals("/0/data", elements.get(0).error().field());
        assertEquals("/1", elements.get(1).error().field());
        assertEquals("/3", elements.get(3).error().field());
        assertEquals(EventCodec.decode(quote), elements.get(5).event());
        assertEquals("/6/type", elements.get(6).error().field());
    }

    @Test
    void aValueRefusedHalfWayThroughLeavesTheNextFieldsAndElementsReadable() {
        String liquidation = sample(EventType.LIQUIDATION);
        String badDeepInData = liquidation.replace("\"venue\":\"hyperliquid\"",
                "\"venue\":{\"deep\":[1,{\"x\":[2]}]}");
        String badId = liquidation.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":{\"deep\":[{\"x\":1}]}");
        assertTrue(badDeepInData.contains("deep") && badId.contains("deep"), "the samples changed");
        String body = "[" + badDeepInData + "," + badId + "," + liquidation + "]";

        List<EventBatch.Element> elements = EventBatch.split(body.getBytes(StandardCharsets.UTF_8));

        assertEquals("/0/data/venue", elements.get(0).error().field());
        assertEquals("/1/id", elements.get(1).error().field());
        assertTrue(elements.get(2).valid());
        assertEquals(EventCodec.decode(liquidation), elements.get(2).event());
        assertEquals(badId, new String(elements.get(1).json(), StandardCharsets.UTF_8));
    }

    @Test
    void dataBeforeItsTypeIsReadAsWhenItComesAfter() {
        Event<?> quote = EventCodec.decode(sample(EventType.QUOTE));
        String dataFirst = "{\"data\":" + new String(EventCodec.encode(quote), StandardCharsets.UTF_8)
                .replaceFirst("^.*\"data\":(\\{[^}]*\\})\\}$", "$1")
                + ",\"id\":\"" + quote.id() + "\",\"source\":\"" + quote.source() + "\",\"time\":\"" + quote.time()
                + "\",\"type\":\"flowwatch.quote.v1\"}";
        String badDataFirst = dataFirst.replace("\"instrument\":\"TOTAL\"", "\"instrument\":[\"TOTAL\"]");

        List<EventBatch.Element> elements = EventBatch.split(("[" + dataFirst + "," + badDataFirst + "]").getBytes(StandardCharsets.UTF_8));

        assertEquals(quote, elements.get(0).event(), dataFirst);
        assertEquals("/1/data/instrument", elements.get(1).error().field());
    }

    @Test
    void whenSeveralThingsAreWrongTheFirstInTheContractsOrderIsNamed() {
        String quote = sample(EventType.QUOTE);
        String badData = quote.replace("\"instrument\":\"TOTAL\"", "\"instrument\":[]");
        String badDataAndType = badData.replace("flowwatch.quote.v1", "flowwatch.quote.v9");
        String badDataAndId = badData.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"not-a-uuid\"");
        String badIdAndTime = quote.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"not-a-uuid\"")
                .replaceFirst("\"time\":\"[^\"]+\"", "\"time\":\"yesterday\"");
        String noSourceAndBadTime = quote.replaceFirst("\"source\":\"[^\"]+\",", "")
                .replaceFirst("\"time\":\"[^\"]+\"", "\"time\":\"yesterday\"");
        String noSource = quote.replaceFirst("\"source\":\"[^\"]+\",", "");
        String body = "[" + String.join(",", badDataAndType, badDataAndId, badIdAndTime, noSourceAndBadTime, noSource) + "]";

        List<String> fields = EventBatch.split(body.getBytes(StandardCharsets.UTF_8)).stream()
                .map(element -> element.error().field()).toList();

        assertEquals(List.of("/0/type", "/1/data/instrument", "/2/id", "/3/time", "/4/source"), fields);
    }

    @Test
    void textThatIsNotJsonAnywhereRefusesTheWholeBatch() {
        String quote = sample(EventType.QUOTE);
        String keyTwiceInData = quote.replace("\"instrument\":\"TOTAL\"", "\"instrument\":\"TOTAL\",\"instrument\":\"BTC\"");
        String keyTwiceInEnvelope = quote.replace("\"source\":", "\"subject\":\"BTC\",\"source\":");
        for (String body : new String[] {"[" + quote + "," + keyTwiceInData + "]", "[" + quote + "," + keyTwiceInEnvelope + "]",
                "[" + quote + ",{\"type\": tru}]", "[" + quote + "," + quote, "[" + quote + "] []", "[" + quote + ",]"}) {
            EventFormatException e = assertThrows(EventFormatException.class,
                    () -> EventBatch.split(body.getBytes(StandardCharsets.UTF_8)), body);
            assertEquals("", e.field(), body);
            assertTrue(e.getMessage().startsWith("not JSON"), e.getMessage());
        }
    }

    @Test
    void aBodyThatIsNotANonEmptyArrayIsRefused() {
        assertEquals("", assertThrows(EventFormatException.class,
                () -> EventBatch.split("[]".getBytes(StandardCharsets.UTF_8))).field());
        assertThrows(EventFormatException.class, () -> EventBatch.split(sample(EventType.QUOTE).getBytes(StandardCharsets.UTF_8)));
        assertThrows(EventFormatException.class, () -> EventBatch.split("[{".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> EventBatch.join(List.of()));
    }

    @Test
    void theBatchContentTypeIsRecognisedWithParametersAndInAnyCase() {
        assertTrue(EventBatch.isBatch("application/cloudevents-batch+json"));
        assertTrue(EventBatch.isBatch("Application/CloudEvents-Batch+JSON; charset=utf-8"));
        assertFalse(EventBatch.isBatch(Event.CONTENT_TYPE));
        assertFalse(EventBatch.isBatch(null));
    }
}
