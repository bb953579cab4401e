package io.flowwatch.gateway.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@code types} parameter of the live stream: {@code metric}, {@code alert} or both, comma-separated. */
public final class StreamTypes {

    static final List<String> KNOWN = List.of("metric", "alert");

    private StreamTypes() {}

    /**
     * The event types asked for; all when the parameter is absent.
     *
     * @throws IllegalArgumentException naming the parameter, for anything else: a stream that can never carry an
     *     event would otherwise stay open with nothing but heartbeats
     */
    public static Set<String> parse(String types) {
        if (types == null) {
            return new LinkedHashSet<>(KNOWN);
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String type : types.split(",", -1)) {
            String t = type.trim();
            if (!KNOWN.contains(t)) {
                throw new IllegalArgumentException("query parameter 'types': '" + abbreviate(t)
                        + "' is not an event type; use metric, alert or metric,alert");
            }
            wanted.add(t);
        }
        return wanted;
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        StringBuilder safe = new StringBuilder();
        shown.chars().forEach(c -> safe.append(c < 0x20 ? '?' : (char) c));
        return safe.toString();
    }
}
