package io.flowwatch.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.events.EventType;
import io.flowwatch.events.Problem;
import io.flowwatch.ingest.config.IngestConfig;
import io.flowwatch.ingest.service.imports.ProductLookup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/events}: one contract event, {@code {"events":[…]}} or a JSON array of events. All or
 * nothing: one invalid event refuses the request with every problem named, and nothing is stored.
 */
@ApplicationScoped
public class PushService {

    /** The source of pushed events that name none. */
    public static final String DEFAULT_SOURCE = "api";
    /**
     * A push reserves one row of the write budget per this many body bytes (a minimal event is about this long), before
     * its JSON is parsed: the parsed tree is what costs the memory.
     */
    static final int BODY_BYTES_PER_ROW = 100;

    private final IngestService ingest;
    private final ProductService products;
    private final IngestConfig config;
    private final WriteBudget budget;
    private final JsonBody json;
    private final EventNormalizer normalizer;

    public PushService(IngestService ingest, ProductService products, IngestConfig config, WriteBudget budget,
            ObjectMapper mapper) {
        this.ingest = ingest;
        this.products = products;
        this.config = config;
        this.budget = budget;
        this.json = new JsonBody(mapper, (long) config.maxBatchEvents() * JsonBody.TOKENS_PER_EVENT);
        this.normalizer = new EventNormalizer(new EventRules(Clock.systemUTC()));
    }

    public Uni<PushResponse> push(byte[] body) {
        if (body != null && body.length > config.maxEventsBodyBytes()) {
            throw DomainException.tooLarge("the request body is too large", "body",
                    "at most " + config.maxEventsBodyBytes() + " bytes per request, found " + body.length);
        }
        int rows = body == null ? 1 : Math.max(1, (body.length + BODY_BYTES_PER_ROW - 1) / BODY_BYTES_PER_ROW);
        return budget.admit(rows, "body", () -> store(json.read(body)));
    }

    private Uni<PushResponse> store(JsonNode root) {
        List<JsonNode> nodes = new ArrayList<>();
        List<String> pointers = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(nodes::add);
            for (int i = 0; i < nodes.size(); i++) {
                pointers.add("/" + i);
            }
        } else if (root.isObject() && root.has("events") && !root.has("data")) {
            JsonNode events = root.get("events");
            if (!events.isArray()) {
                throw DomainException.invalid("events must be an array",
                        List.of(new Problem.FieldError("/events", null, null, "expected an array of events")));
            }
            events.forEach(nodes::add);
            for (int i = 0; i < nodes.size(); i++) {
                pointers.add("/events/" + i);
            }
        } else if (root.isObject()) {
            nodes.add(root);
            pointers.add("");
        } else {
            throw DomainException.invalid("expected an event, {\"events\":[…]} or an array of events",
                    List.of(new Problem.FieldError("", null, null, "found a JSON " + root.getNodeType().name().toLowerCase())));
        }
        if (nodes.size() > config.maxBatchEvents()) {
            throw DomainException.tooLarge("too many events in one request", root.isArray() ? "" : "/events",
                    "at most " + config.maxBatchEvents() + " events per request, found " + nodes.size());
        }
        if (nodes.isEmpty()) {
            throw DomainException.invalid("the batch is empty",
                    List.of(new Problem.FieldError(root.isArray() ? "" : "/events", null, null, "at least one event is required")));
        }
        boolean needsRegistry = nodes.stream().anyMatch(n -> n != null && n.isObject()
                && EventType.FUND_FLOW.type().equals(n.path("type").asText()));
        Uni<ProductLookup> lookup = needsRegistry ? products.lookup() : Uni.createFrom().item(ticker -> Optional.empty());
        return lookup.chain(registry -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<Problem.FieldError> errors = new ArrayList<>();
            List<Candidate> candidates = new ArrayList<>(nodes.size());
            for (int i = 0; i < nodes.size(); i++) {
                normalizer.normalize(nodes.get(i), pointers.get(i), null, DEFAULT_SOURCE, now, registry, errors)
                        .ifPresent(candidates::add);
            }
            if (!errors.isEmpty()) {
                long bad = nodes.size() - candidates.size();
                return Uni.createFrom().failure(DomainException.invalid(
                        bad + " of " + nodes.size() + " events are not valid; nothing was stored", errors));
            }
            return ingest.ingest(candidates, null).map(PushResponse::of);
        });
    }
}
