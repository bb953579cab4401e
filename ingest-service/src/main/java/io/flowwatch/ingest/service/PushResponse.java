package io.flowwatch.ingest.service;

import java.util.List;
import java.util.UUID;

/**
 * The 202 answer of {@code POST /api/v1/events}.
 *
 * @param ids the events this request stored (accepted and revisions), in order
 * @param results every event of the request in order: its id (for a duplicate, the id already stored) and status
 */
public record PushResponse(int accepted, int duplicates, int revisions, List<UUID> ids, List<Result> results) {

    /** @param revision the figure's revision when the status is {@code revision} or {@code accepted} */
    public record Result(UUID id, String status, Integer revision) {}

    static PushResponse of(IngestResult result) {
        List<Result> results = result.outcomes().stream()
                .map(o -> new Result(o.id(), o.status().wireName(), o.revision() == 0 ? null : o.revision()))
                .toList();
        return new PushResponse(result.accepted(), result.duplicates(), result.revisions(), result.storedIds(), results);
    }
}
