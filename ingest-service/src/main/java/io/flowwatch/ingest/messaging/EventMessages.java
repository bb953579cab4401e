package io.flowwatch.ingest.messaging;

import io.flowwatch.ingest.repository.OutboxRepository.OutboxRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a batch of outbox rows goes out as messages: rows that share routing key, type, source, replay flag, request id
 * and traceparent share a message, up to {@code maxEvents} each, so that every header of the message holds for each
 * of its events. Messages come in the order of their first rows, and each keeps its rows in seq order, so the events
 * of one routing key (one partition, one aggregate) stay in order.
 */
final class EventMessages {

    private record Key(String routingKey, String type, String source, boolean replay, String requestId,
            String traceparent) {

        static Key of(OutboxRow row) {
            return new Key(row.routingKey(), row.type(), row.source(), row.replay(), row.requestId(), row.traceparent());
        }
    }

    private EventMessages() {}

    /** Fails unless at least one event fits in a message. */
    static int requireEventsPerMessage(int maxEvents) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("flowwatch.relay.events-per-message must be at least 1: " + maxEvents);
        }
        return maxEvents;
    }

    /** The messages of {@code rows} (in seq order), each a non-empty list of rows. */
    static List<List<OutboxRow>> of(List<OutboxRow> rows, int maxEvents) {
        requireEventsPerMessage(maxEvents);
        List<List<OutboxRow>> messages = new ArrayList<>();
        Map<Key, List<OutboxRow>> open = new LinkedHashMap<>();
        for (OutboxRow row : rows) {
            Key key = Key.of(row);
            List<OutboxRow> message = open.get(key);
            if (message == null || message.size() >= maxEvents) {
                message = new ArrayList<>(Math.min(maxEvents, 16));
                messages.add(message);
                open.put(key, message);
            }
            message.add(Objects.requireNonNull(row));
        }
        return messages;
    }
}
