package io.flowwatch.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowwatch.events.EventCodec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Whether {@code POST /api/v1/replay} asks for the whole raw log — the only case in which the gateway first clears
 * analytics' aggregates. Anything else (a filter, or a body that is not a JSON object) goes to ingest untouched,
 * which replays the part or refuses the request; a malformed request must never have cleared the aggregates first.
 */
public final class ReplayScope {

    /** The filters ingest's replay reads from the query or the JSON body. */
    static final List<String> FILTERS = List.of("from", "to", "subject", "type");

    private ReplayScope() {}

    /** True only for no filter at all: no filter parameter with a value, and an empty body or a JSON object without one. */
    public static boolean isWholeLog(String rawQuery, byte[] body) {
        if (rawQuery != null && !rawQuery.isBlank()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (name == null || value == null || (FILTERS.contains(name) && !value.isBlank())) {
                    return false;
                }
            }
        }
        if (body == null || body.length == 0) {
            return true;
        }
        JsonNode node;
        try {
            node = EventCodec.mapper().readTree(body);
        } catch (Exception e) {
            return false; // not JSON (or not UTF-8): ingest says what is wrong
        }
        if (node == null || node.isMissingNode()) {
            return true; // blank
        }
        if (!node.isObject()) {
            return false;
        }
        return FILTERS.stream().noneMatch(node::hasNonNull);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
