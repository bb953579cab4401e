package io.flowwatch.ingest.messaging;

import io.flowwatch.events.Topology;
import io.flowwatch.ingest.repository.OutboxRepository.OutboxRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a batch of outbox rows goes out as messages: rows that share routing key, type, source, replay flag, request id
 * and traceparent share a message, up to {@code maxEvents} each, so that every header of the message holds for each
 * of its events. Messages come in the order of their first rows and keep their rows in seq order.
 *
 * <p>A message only takes rows that follow each other among the rows of their aggregate
 * ({@link Topology#eventPartitionKey}), so the events of one aggregate still reach analytics in seq order. Grouping by
 * routing key alone would not: the products of one asset have routing keys of their own, and a Farside table lists
 * them date by date, so every product's whole column would be applied before the next product's, and the asset's
 * totals would pass through states that never were (a "record outflow" made of one product's figures).
 */
final class EventMessages {

    /** The open message of an aggregate: its rows so far and the key they share. */
    private record Open(Key key, List<OutboxRow> rows) {}

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
        Map<String, Open> openByAggregate = new HashMap<>();
        for (OutboxRow row : rows) {
            Key key = Key.of(Objects.requireNonNull(row));
            String aggregate = Topology.eventPartitionKey(row.routingKey());
            Open open = openByAggregate.get(aggregate);
            if (open == null || !open.key().equals(key) || open.rows().size() >= maxEvents) {
                open = new Open(key, new ArrayList<>(Math.min(maxEvents, 16)));
                messages.add(open.rows());
                openByAggregate.put(aggregate, open);
            }
            open.rows().add(row);
        }
        return messages;
    }
}
