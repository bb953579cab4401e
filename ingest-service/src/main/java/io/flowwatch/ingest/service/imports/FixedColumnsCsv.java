package io.flowwatch.ingest.service.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The shared frame of the CSV parsers whose header is a fixed list of columns. */
final class FixedColumnsCsv {

    private FixedColumnsCsv() {}

    /**
     * Reads {@code body}, checks that its header is {@code columns} (trimmed, ignoring case) and maps each record
     * to a value. The mapper reports problems on the {@link Cells}; a row with any problem yields no value.
     */
    static <T> ParseResult<T> parse(byte[] body, List<String> columns, Function<Cells, ParsedRow<T>> mapper) {
        Csv.Table table = Csv.read(body);
        List<RowError> errors = new ArrayList<>(table.errors());
        if (table.header().isEmpty()) {
            return ParseResult.failed(errors, table.rowsRead());
        }
        List<String> header = table.header().stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        if (!header.equals(columns)) {
            errors.add(new RowError(1, "header", String.join(",", table.header()),
                    "expected the header " + String.join(",", columns)));
            return ParseResult.failed(byLine(errors), table.rowsRead());
        }
        List<ParsedRow<T>> rows = new ArrayList<>();
        for (Csv.Record record : table.records()) {
            Cells cells = new Cells(record.line(), columns, record.fields());
            ParsedRow<T> row;
            try {
                row = mapper.apply(cells);
            } catch (IllegalArgumentException | NullPointerException e) {
                // The contract record refused a combination that the field checks let through.
                errors.add(new RowError(record.line(), "row", String.join(",", record.fields()), e.getMessage()));
                continue;
            }
            if (cells.hasErrors()) {
                errors.addAll(cells.errors());
            } else {
                rows.add(row);
            }
        }
        return new ParseResult<>(rows, byLine(errors), table.rowsRead());
    }

    /** Errors in file order; the sort is stable, so one line's errors keep their column order. */
    static List<RowError> byLine(List<RowError> errors) {
        return errors.stream().sorted(Comparator.comparingInt(RowError::line)).toList();
    }
}
