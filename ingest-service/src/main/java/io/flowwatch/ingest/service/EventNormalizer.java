package io.flowwatch.ingest.service;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.EventFormatException;
import io.flowwatch.events.EventType;
import io.flowwatch.events.Problem;
import io.flowwatch.ingest.service.imports.Product;
import io.flowwatch.ingest.service.imports.ProductLookup;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns one contract event as a client wrote it (CloudEvents JSON) into a {@link Candidate}: assigns an id, a
 * time and a source when absent, fills a fund flow's issuer, asset and product kind from the registry (a given
 * asset or kind must agree with it), decodes it with the contract's codec and checks the {@link EventRules}.
 * Problems are added to a list, each naming the JSON pointer at fault, so that a batch reports all of them.
 */
public final class EventNormalizer {

    /** Fills the placeholders of a fund flow whose ticker is unknown, so that its other problems still show. */
    private static final String UNKNOWN = "UNKNOWN";
    private static final int MAX_VALUE_LENGTH = 100;

    private final EventRules rules;

    public EventNormalizer(EventRules rules) {
        this.rules = rules;
    }

    /**
     * @param node the event as received
     * @param pointer where it sits in the request body, e.g. {@code /events/3} (empty for a single event)
     * @param line the file line of an import, or null
     * @param defaultSource the source of events that name none
     * @param now the acceptance time, also the time of events that give none
     * @return the candidate, or empty after adding at least one error to {@code errors}
     */
    public Optional<Candidate> normalize(JsonNode node, String pointer, Integer line, String defaultSource, Instant now,
            ProductLookup products, List<Problem.FieldError> errors) {
        int errorsBefore = errors.size();
        if (node == null || !node.isObject()) {
            errors.add(error(pointer, line, node, "an event must be a JSON object"));
            return Optional.empty();
        }
        ObjectNode event = ((ObjectNode) node).deepCopy();
        JsonNode specversion = event.get("specversion");
        if (specversion != null && !specversion.isNull() && !Event.SPEC_VERSION.equals(specversion.asText())) {
            errors.add(error(pointer + "/specversion", line, specversion, "specversion must be 1.0"));
        }
        JsonNode contentType = event.get("datacontenttype");
        if (contentType != null && !contentType.isNull() && !Event.CONTENT_TYPE.equals(contentType.asText())) {
            errors.add(error(pointer + "/datacontenttype", line, contentType, "datacontenttype must be application/json"));
        }
        event.put("specversion", Event.SPEC_VERSION);
        event.put("datacontenttype", Event.CONTENT_TYPE);
        boolean idGiven = !isAbsent(event.get("id"));
        if (!idGiven) {
            event.put("id", UUID.randomUUID().toString());
        }
        if (isAbsent(event.get("time"))) {
            event.put("time", now.toString());
        }
        if (isAbsent(event.get("source"))) {
            event.put("source", defaultSource);
        }
        JsonNode type = event.get("type");
        if (type != null && EventType.FUND_FLOW.type().equals(type.asText()) && event.get("data") instanceof ObjectNode data) {
            fillFromRegistry(data, pointer, line, products, errors);
        }
        Event<?> decoded;
        try {
            decoded = EventCodec.decode(event);
        } catch (EventFormatException e) {
            String field = e.field() == null ? "" : e.field();
            errors.add(error(pointer + field, line, at(event, field), e.getMessage()));
            return Optional.empty();
        }
        JsonNode subject = node.get("subject");
        if (!isAbsent(subject) && !subject.asText().equals(decoded.data().subject())) {
            errors.add(error(pointer + "/subject", line, subject,
                    "subject must equal the data's " + subjectName(decoded.eventType()) + " '" + decoded.data().subject() + "'"));
        }
        for (EventRules.Violation violation : rules.check(decoded, products)) {
            errors.add(new Problem.FieldError(pointer + violation.pointer(), line, cut(violation.value()), violation.reason()));
        }
        if (errors.size() > errorsBefore) {
            return Optional.empty();
        }
        // The stored form: every attribute present, the subject the data's own.
        Event<?> normalized = Event.of(decoded.id(), decoded.source(), decoded.time(), decoded.data());
        return Optional.of(Candidate.of(normalized, line == null ? 0 : line, idGiven));
    }

    private static void fillFromRegistry(ObjectNode data, String pointer, Integer line, ProductLookup products,
            List<Problem.FieldError> errors) {
        JsonNode ticker = data.get("product");
        // The revision is ingest's to assign; whatever the client sent is replaced when the event is stored.
        data.put("revision", 1);
        Optional<Product> product = ticker != null && ticker.isTextual() ? products.find(ticker.asText().trim()) : Optional.empty();
        if (product.isEmpty()) {
            if (isAbsent(data.get("asset"))) {
                data.put("asset", UNKNOWN);
            }
            if (isAbsent(data.get("productKind"))) {
                data.put("productKind", UNKNOWN);
            }
            return; // the rules name the unknown ticker
        }
        Product p = product.get();
        JsonNode asset = data.get("asset");
        if (!isAbsent(asset) && !p.asset().equalsIgnoreCase(asset.asText())) {
            errors.add(error(pointer + "/data/asset", line, asset,
                    p.ticker() + " is a " + p.asset() + " fund in the product registry, not " + asset.asText()));
        }
        JsonNode kind = data.get("productKind");
        if (!isAbsent(kind) && !p.kind().equalsIgnoreCase(kind.asText())) {
            errors.add(error(pointer + "/data/productKind", line, kind,
                    p.ticker() + " is a " + p.kind() + " in the product registry, not " + kind.asText()));
        }
        data.put("product", p.ticker());
        data.put("asset", p.asset());
        data.put("productKind", p.kind());
        if (p.issuer() != null) {
            data.put("issuer", p.issuer());
        }
    }

    private static String subjectName(EventType type) {
        return switch (type) {
            case FUND_FLOW -> "product";
            case HOLDINGS -> "scope";
            case QUOTE -> "instrument";
            case LIQUIDATION -> "venue";
            default -> "subject";
        };
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static JsonNode at(JsonNode root, String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return null;
        }
        try {
            JsonNode found = root.at(JsonPointer.compile(pointer));
            return found.isMissingNode() ? null : found;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Problem.FieldError error(String field, Integer line, JsonNode value, String reason) {
        String text = value == null ? null : value.isValueNode() ? value.asText() : value.toString();
        return new Problem.FieldError(field, line, cut(text), reason);
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
    }
}
