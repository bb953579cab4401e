package io.flowwatch.ingest.service;

import java.util.List;
import java.util.UUID;

/** The outcome of storing one batch: one entry per candidate, in order. */
public record IngestResult(List<EventStore.Outcome> outcomes) {

    public static final IngestResult EMPTY = new IngestResult(List.of());

    public long count(EventStore.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    public int accepted() {
        return (int) count(EventStore.Status.ACCEPTED);
    }

    public int duplicates() {
        return (int) count(EventStore.Status.DUPLICATE);
    }

    public int revisions() {
        return (int) count(EventStore.Status.REVISION);
    }

    /** The ids of the events this batch stored (accepted and revisions), in order. */
    public List<UUID> storedIds() {
        return outcomes.stream().filter(o -> o.status() != EventStore.Status.DUPLICATE).map(EventStore.Outcome::id).toList();
    }
}
