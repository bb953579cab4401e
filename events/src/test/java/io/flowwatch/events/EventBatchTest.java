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
