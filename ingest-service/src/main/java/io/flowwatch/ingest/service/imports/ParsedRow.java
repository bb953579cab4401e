package io.flowwatch.ingest.service.imports;

import java.util.Objects;

/**
 * One value read from a file.
 *
 * @param line the 1-based physical line it came from (several values may share a line)
 * @param source the row's own source column (holdings only); null otherwise
 * @param data the value
 */
public record ParsedRow<T>(int line, String source, T data) {

    public ParsedRow {
        Objects.requireNonNull(data, "data");
    }
}
