package io.flowwatch.ingest.service.imports;

import java.util.Objects;

/**
 * One problem found in an uploaded file.
 *
 * @param line the 1-based physical line in the file (the header is line 1); 0 for a problem of the whole file
 * @param field the column name, or {@code Date}, {@code Total}, {@code header}, {@code row}, {@code file}; for
 *     JSON lines the JSON pointer at fault
 * @param value the offending text, cut to {@value #MAX_VALUE_LENGTH} characters; null when there is none
 * @param reason what is wrong, for a person to read
 */
public record RowError(int line, String field, String value, String reason) {

    public static final int MAX_VALUE_LENGTH = 100;

    public RowError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            value = value.substring(0, MAX_VALUE_LENGTH);
        }
    }
}
