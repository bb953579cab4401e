package io.flowwatch.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Several events in one message: the CloudEvents JSON batch format, a JSON array of events each in the one JSON form
 * of {@link EventCodec}, with content type {@link #CONTENT_TYPE}. The relay puts the events of one routing key that one
 * request brought into one message, because the broker's cost (and each side's) is per message, not per byte; a
 * message with one event stays a single event ({@link Event#CONTENT_TYPE}). Every event keeps its own {@code id}, so
 * consumers still de-duplicate per event.
 */
public final class EventBatch {

    /** The CloudEvents JSON batch format's media type. */
    public static final String CONTENT_TYPE = "application/cloudevents-batch+json";
    /** On a message in the batch format: how many events it carries (for operators; the body is what counts). */
    public static final String EVENT_COUNT_HEADER = "x-flowwatch-event-count";

    /** One element of a batch: its JSON as sent, and the event it holds or why it is not one. */
    public record Element(int index, byte[] json, Event<?> event, EventFormatException error) {

        public boolean valid() {
            return error == null;
        }
    }

    private EventBatch() {}

    /** Whether a message with this content type is a batch. */
    public static boolean isBatch(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, CONTENT_TYPE, 0, CONTENT_TYPE.length());
    }

    /** The batch of events already encoded (each as {@link EventCodec} wrote it), in order. */
    public static byte[] join(List<String> encodedEvents) {
        if (encodedEvents.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
        int length = 2 + encodedEvents.size() - 1;
        for (String event : encodedEvents) {
            length += event.length();
        }
        StringBuilder batch = new StringBuilder(length).append('[');
        for (int i = 0; i < encodedEvents.size(); i++) {
            if (i > 0) {
                batch.append(',');
            }
            batch.append(encodedEvents.get(i));
        }
        return batch.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The elements of a batch, in order: each either an event or the reason it is not one (so that one bad element
     * does not spoil the rest).
     *
     * @throws EventFormatException when the body is not a non-empty JSON array
     */
    public static List<Element> split(byte[] body) {
        JsonNode tree;
        try {
            tree = EventCodec.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("", "not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EventFormatException("", "not readable: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isArray() || tree.isEmpty()) {
            throw new EventFormatException("", "a batch must be a non-empty JSON array of events");
        }
        List<Element> elements = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            JsonNode node = tree.get(i);
            byte[] json = write(node);
            try {
                elements.add(new Element(i, json, EventCodec.decode(node), null));
            } catch (EventFormatException e) {
                elements.add(new Element(i, json, null,
                        new EventFormatException("/" + i + e.field(), e.getMessage(), e)));
            }
        }
        return elements;
    }

    private static byte[] write(JsonNode node) {
        try {
            return EventCodec.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write back a parsed JSON element", e);
        }
    }
}
