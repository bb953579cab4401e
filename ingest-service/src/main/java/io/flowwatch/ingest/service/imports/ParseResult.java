package io.flowwatch.ingest.service.imports;

import java.util.List;

/**
 * What a parser made of a file: the values of every row without errors, every error found, and how many data
 * rows (not counting the header or blank lines) the file had.
 */
public record ParseResult<T>(List<ParsedRow<T>> rows, List<RowError> errors, int rowsRead) {

    public ParseResult {
        rows = List.copyOf(rows);
        errors = List.copyOf(errors);
    }

    /** A result with nothing but errors, e.g. for a file whose header is wrong. */
    public static <T> ParseResult<T> failed(List<RowError> errors, int rowsRead) {
        return new ParseResult<>(List.of(), errors, rowsRead);
    }

    /** True when no error was found. */
    public boolean ok() {
        return errors.isEmpty();
    }
}
