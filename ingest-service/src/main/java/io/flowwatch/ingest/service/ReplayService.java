package io.flowwatch.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.events.EventType;
import io.flowwatch.events.Problem;
import io.flowwatch.ingest.repository.OutboxRepository;
import io.flowwatch.ingest.messaging.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/replay}: queues logged events in the outbox again, in their original order and with their
 * original ids, so that the relay publishes them (marked {@code x-flowwatch-replay: true}). Durable like any
 * other publication: the rows are committed before the answer.
 */
@ApplicationScoped
public class ReplayService {

    /**
     * What to replay; every filter is optional.
     *
     * @param from events accepted at or after this instant
     * @param to events accepted before this instant
     */
    public record Request(Optional<Instant> from, Optional<Instant> to, Optional<String> subject, Optional<String> type) {}

    /** The 202 answer. */
    public record Queued(int queued, Instant from, Instant to, String subject, String type) {}

    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final JsonBody json;

    public ReplayService(OutboxRepository outbox, OutboxRelay relay, ObjectMapper mapper) {
        this.outbox = outbox;
        this.relay = relay;
        this.json = new JsonBody(mapper, JsonBody.TOKENS_PER_SINGLE_DOCUMENT);
    }

    /** Reads the filters from the JSON body (may be empty) and the query parameters (which win). */
    public Request request(byte[] body, String from, String to, String subject, String type) {
        JsonNode node = body == null || body.length == 0 || JsonBody.utf8(body, "the request body").isBlank()
                ? null : json.read(body);
        if (node != null && !node.isObject()) {
            throw DomainException.badRequest("the body must be a JSON object", "body",
                    "expected {\"from\":…, \"to\":…, \"subject\":…, \"type\":…} or no body");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<Instant> fromAt = instant("from", pick(from, node, "from"), errors);
        Optional<Instant> toAt = instant("to", pick(to, node, "to"), errors);
        Optional<String> subjectFilter = Optional.ofNullable(pick(subject, node, "subject"));
        Optional<String> typeFilter = Optional.ofNullable(pick(type, node, "type"));
        typeFilter.ifPresent(t -> {
            if (EventType.fromType(t).isEmpty()) {
                errors.add(new Problem.FieldError("type", null, t, "unknown type, e.g. flowwatch.fund-flow.v1"));
            }
        });
        if (fromAt.isPresent() && toAt.isPresent() && !fromAt.get().isBefore(toAt.get())) {
            errors.add(new Problem.FieldError("to", null, toAt.get().toString(), "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.badRequest("the replay filters are not valid", errors);
        }
        return new Request(fromAt, toAt, subjectFilter, typeFilter);
    }

    /** Queues the events in one transaction; once it has committed, nudges the relay. */
    public Uni<Queued> replay(Request request) {
        return Panache.withTransaction(() -> outbox.enqueueReplay(request.from(), request.to(), request.subject(),
                        request.type(), Instant.now()))
                .map(n -> new Queued(n, request.from().orElse(null), request.to().orElse(null),
                        request.subject().orElse(null), request.type().orElse(null)))
                .invoke(queued -> {
                    if (queued.queued() > 0) {
                        relay.nudge();
                    }
                });
    }

    private static String pick(String query, JsonNode body, String field) {
        if (query != null && !query.isBlank()) {
            return query.trim();
        }
        if (body != null && body.hasNonNull(field)) {
            return body.get(field).asText().trim();
        }
        return null;
    }

    private static Optional<Instant> instant(String name, String text, List<Problem.FieldError> errors) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, null, text, "expected an ISO-8601 instant, e.g. 2026-01-29T00:00:00Z"));
            return Optional.empty();
        }
    }
}
