package io.flowwatch.ingest.service;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
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
 * duplicate keys, the contract's limits on nesting and number size. Anything else is a 400 problem.
 */
public final class JsonBody {

    private final ObjectReader reader;

    public JsonBody(ObjectMapper mapper) {
        this.reader = mapper.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
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
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw DomainException.badRequest("the request body is not valid JSON", "body",
                    "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /** Parses one line of JSON Lines; the reason when it is not JSON. */
    public JsonNode readLine(String line) throws JsonProcessingException {
        return reader.readTree(line);
    }
}
