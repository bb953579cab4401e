package io.flowwatch.ingest.service.imports;

import java.util.ArrayList;
import java.util.List;

/** The fields of one record, read by column; collects every problem of the row rather than stopping at the first. */
final class Cells {

    /** Reads one field's trimmed text; throws {@link IllegalArgumentException} with the reason when it is wrong. */
    @FunctionalInterface
    interface FieldParser<V> {
        V parse(String text);
    }

    private final int line;
    private final List<String> columnNames;
    private final List<String> fields;
    private final List<RowError> errors = new ArrayList<>();

    Cells(int line, List<String> columnNames, List<String> fields) {
        this.line = line;
        this.columnNames = columnNames;
        this.fields = fields;
    }

    int line() {
        return line;
    }

    String text(int column) {
        return fields.get(column).trim();
    }

    /** The parsed field, or null (and an error recorded) when the parser refuses it. */
    <V> V parse(int column, FieldParser<V> parser) {
        try {
            return parser.parse(text(column));
        } catch (IllegalArgumentException e) {
            error(column, e.getMessage());
            return null;
        }
    }

    void error(int column, String reason) {
        errors.add(new RowError(line, columnNames.get(column), text(column), reason));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<RowError> errors() {
        return errors;
    }
}
