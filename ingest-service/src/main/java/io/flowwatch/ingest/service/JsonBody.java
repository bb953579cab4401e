package io.flowwatch.ingest.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.flowwatch.ingest.service.imports.Csv;
import io.flowwatch.ingest.service.imports.RowError;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict reading of JSON request bodies: UTF-8 only (a byte order mark is skipped), exactly one JSON value, no
 * duplicate keys, the contract's limits on nesting and number size. Anything else is a 400 problem. A document
 * also has at most {@code maxTokens} JSON tokens (a 413 otherwise): a tree costs tens of bytes per token, so
 * 15 MB of {@code {},{},…} would take gigabytes, and one such push ran the service out of memory.
 */
public final class JsonBody {

    /** JSON tokens one event may take on average in a batch (a full contract event has about 45). */
    public static final int TOKENS_PER_EVENT = 64;
    /** JSON tokens one document of a single event (a JSON Lines line, a small request) may have. */
    public static final int TOKENS_PER_SINGLE_DOCUMENT = 1_000;

    private final ObjectReader reader;
    private final long maxTokens;

    public JsonBody(ObjectMapper mapper, long maxTokens) {
        JsonFactory factory = mapper.getFactory();
        JsonFactory capped = factory.rebuild().streamReadConstraints(factory.streamReadConstraints().rebuild()
                .maxTokenCount(maxTokens).build()).build();
        this.reader = mapper.copyWith(capped).reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.maxTokens = maxTokens;
    }

    /** The body's text: strict UTF-8, or a 400 naming the byte offset of the first bad sequence. */
    public static String utf8(byte[] body, String what) {
        List<RowError> errors = new ArrayList<>();
        String text = Csv.decodeUtf8(body, errors);
        if (text == null) {
            throw DomainException.badRequest(what + " is not valid UTF-8", "body", errors.getFirst().reason());
        }
        return text;
    }

    /** Parses one JSON document; a 400 problem naming line and column when it is not JSON. */
    public JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw DomainException.badRequest("the request body is empty", "body", "a JSON body is required");
        }
        String text = utf8(body, "the request body");
        if (text.isBlank()) {
            throw DomainException.badRequest("the request body is empty", "body", "a JSON body is required");
        }
        try {
            return reader.readTree(text);
        } catch (StreamConstraintsException e) {
            if (tooManyTokens(e)) {
                throw DomainException.tooLarge("the request body has too many JSON values", "body",
                        "at most " + maxTokens + " JSON tokens per request; split it");
            }
            throw DomainException.badRequest("the request body is not valid JSON", "body", e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw DomainException.badRequest("the request body is not valid JSON", "body",
                    "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /** Parses one line of JSON Lines; the reason when it is not JSON or has too many tokens. */
    public JsonNode readLine(String line) throws JsonProcessingException {
        try {
            return reader.readTree(line);
        } catch (StreamConstraintsException e) {
            if (tooManyTokens(e)) {
                throw new StreamConstraintsException("more than " + maxTokens + " JSON tokens in one line");
            }
            throw e;
        }
    }

    /** Jackson says which of its limits a document broke only in the message. */
    private static boolean tooManyTokens(StreamConstraintsException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Token count");
    }
}
