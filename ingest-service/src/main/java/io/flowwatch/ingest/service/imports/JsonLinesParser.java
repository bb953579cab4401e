package io.flowwatch.ingest.service.imports;

import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.EventFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON Lines: one contract event (the {@link EventCodec} form) per line, UTF-8, LF or CRLF; blank lines
 * are skipped. A line that is not a valid event is an error whose field is the JSON pointer at fault.
 */
public final class JsonLinesParser {

    public ParseResult<Event<?>> parse(byte[] body) {
        List<RowError> errors = new ArrayList<>();
        String text = Csv.decodeUtf8(body, errors);
        if (text == null) {
            return ParseResult.failed(errors, 0);
        }
        List<ParsedRow<Event<?>>> rows = new ArrayList<>();
        int rowsRead = 0;
        String[] lines = text.split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index].strip();
            if (line.isEmpty()) {
                continue;
            }
            rowsRead++;
            try {
                rows.add(new ParsedRow<>(index + 1, null, EventCodec.decode(line)));
            } catch (EventFormatException e) {
                errors.add(new RowError(index + 1, e.field() == null ? "" : e.field(), line, e.getMessage()));
            }
        }
        return new ParseResult<>(rows, errors, rowsRead);
    }
}
