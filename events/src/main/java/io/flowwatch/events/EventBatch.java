package io.flowwatch.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** One element of a batch: the event it holds or why it is not one, and its JSON as sent. */
    public static final class Element {

        private final int index;
        private final Event<?> event;
        private final EventFormatException error;
        // The element's bytes are cut out of the message only when asked for (to park it): most never are.
        private final byte[] body;
        private final int start;
        private final int end;

        private Element(int index, Event<?> event, EventFormatException error, byte[] body, int start, int end) {
            this.index = index;
            this.event = event;
            this.error = error;
            this.body = body;
            this.start = start;
            this.end = end;
        }

        public int index() {
            return index;
        }

        public Event<?> event() {
            return event;
        }

        public EventFormatException error() {
            return error;
        }

        public boolean valid() {
            return error == null;
        }

        /** The element's JSON exactly as the message carried it. */
        public byte[] json() {
            return Arrays.copyOfRange(body, start, end);
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
     * does not spoil the rest). Read in one pass over the bytes, without a tree of the whole message.
     *
     * @throws EventFormatException when the body is not a non-empty JSON array, or not JSON at all
     */
    public static List<Element> split(byte[] body) {
        try (JsonParser parser = EventCodec.mapper().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() == JsonToken.END_ARRAY) {
                throw new EventFormatException("", "a batch must be a non-empty JSON array of events");
            }
            List<Element> elements = new ArrayList<>();
            for (int i = 0; parser.currentToken() != JsonToken.END_ARRAY; i++) {
                if (!parser.hasCurrentToken()) {
                    throw new JsonEOFException(parser, null, "end of input inside the batch");
                }
                int start = (int) parser.currentTokenLocation().getByteOffset();
                Event<?> event = null;
                EventFormatException error = null;
                try {
                    event = EventCodec.read(parser);
                } catch (EventFormatException e) {
                    error = new EventFormatException("/" + i + e.field(), e.getMessage(), e);
                }
                parser.finishToken();
                int end = (int) parser.currentLocation().getByteOffset();
                elements.add(new Element(i, event, error, body, start, end));
                parser.nextToken();
            }
            if (parser.nextToken() != null) {
                throw new EventFormatException("", "not JSON: text after the batch");
            }
            return elements;
        } catch (IOException e) {
            throw EventCodec.unreadable(e);
        }
    }
}
