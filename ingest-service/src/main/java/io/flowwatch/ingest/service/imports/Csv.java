package io.flowwatch.ingest.service.imports;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small strict RFC 4180 reader: comma-separated, fields optionally quoted (a quoted field may hold commas,
 * line breaks and doubled quotes), records ended by CRLF or LF. The bytes must be UTF-8; a byte order mark at
 * the start is skipped and blank lines at the end are ignored. The first record is the header, and every other
 * record must have as many fields as the header. (A lone CR is taken as a line break, as old Mac files have it.)
 */
public final class Csv {

    private static final char BOM = '\uFEFF';

    /** A data record (never the header) with its 1-based physical line. */
    public record Record(int line, List<String> fields) {

        public Record {
            fields = List.copyOf(fields);
        }
    }

    /**
     * A file as read: the header (empty when the file has none that can be used), the well-formed data records,
     * the problems found, and how many data records the file had, well-formed or not.
     */
    public record Table(List<String> header, List<Record> records, List<RowError> errors, int rowsRead) {

        public Table {
            header = List.copyOf(header);
            records = List.copyOf(records);
            errors = List.copyOf(errors);
        }
    }

    private Csv() {}

    public static Table read(byte[] body) {
        List<RowError> errors = new ArrayList<>();
        String text = decodeUtf8(body, errors);
        if (text == null) {
            return new Table(List.of(), List.of(), errors, 0);
        }
        List<RawRecord> raw = new Scanner(text).records();
        while (!raw.isEmpty() && raw.getLast().isBlank()) {
            raw.removeLast();
        }
        if (raw.isEmpty()) {
            return new Table(List.of(), List.of(), List.of(new RowError(0, "file", null, "the file is empty")), 0);
        }
        RawRecord header = raw.getFirst();
        int rowsRead = raw.size() - 1;
        if (header.error() != null) {
            errors.add(new RowError(header.line(), "header", header.text(), header.error()));
            return new Table(List.of(), List.of(), errors, rowsRead);
        }
        if (header.fields().size() == 1 && (header.text().contains(";") || header.text().contains("\t"))) {
            String delimiter = header.text().contains(";") ? "';'" : "a tab";
            errors.add(new RowError(header.line(), "header", header.text(),
                    "the delimiter must be a comma, but this header seems to be separated by " + delimiter));
            return new Table(List.of(), List.of(), errors, rowsRead);
        }
        List<Record> records = new ArrayList<>();
        for (RawRecord record : raw.subList(1, raw.size())) {
            if (record.error() != null) {
                errors.add(new RowError(record.line(), "row", record.text(), record.error()));
            } else if (record.isBlank()) {
                errors.add(new RowError(record.line(), "row", "", "blank line inside the table"));
            } else if (record.fields().size() != header.fields().size()) {
                errors.add(new RowError(record.line(), "row", record.text(), "expected " + header.fields().size()
                        + " fields as in the header, found " + record.fields().size()));
            } else {
                records.add(new Record(record.line(), record.fields()));
            }
        }
        return new Table(header.fields(), records, errors, rowsRead);
    }

    /**
     * Decodes strict UTF-8 and drops a leading byte order mark. On malformed input, adds a {@code file} error
     * naming the byte offset and answers null.
     */
    public static String decodeUtf8(byte[] body, List<RowError> errors) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        // UTF-8 never yields more chars than bytes, so one buffer of that size always suffices.
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            errors.add(new RowError(0, "file", null,
                    "not valid UTF-8: malformed byte sequence at byte offset " + in.position()));
            return null;
        }
        String text = out.flip().toString();
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /** A record as scanned; {@code error} is set when it could not be read, and then {@code fields} is empty. */
    private record RawRecord(int line, String text, List<String> fields, boolean quoted, String error) {

        boolean isBlank() {
            return error == null && !quoted && fields.size() == 1 && fields.getFirst().isBlank();
        }
    }

    /** Splits text into records, counting physical lines (also those inside quoted fields). */
    private static final class Scanner {

        private final String text;
        private int pos;
        private int line = 1;

        Scanner(String text) {
            this.text = text;
        }

        List<RawRecord> records() {
            List<RawRecord> records = new ArrayList<>();
            while (pos < text.length()) {
                records.add(record());
            }
            return records;
        }

        private RawRecord record() {
            int startLine = line;
            int start = pos;
            List<String> fields = new ArrayList<>();
            boolean quoted = false;
            while (true) {
                String problem;
                if (pos < text.length() && text.charAt(pos) == '"') {
                    quoted = true;
                    problem = quotedField(fields);
                    if (problem != null && pos >= text.length()) {
                        return new RawRecord(startLine, text.substring(start), List.of(), true, problem);
                    }
                } else {
                    problem = unquotedField(fields);
                }
                if (problem != null) {
                    skipRestOfLine();
                    return new RawRecord(startLine, text.substring(start, lineEnd(start)), List.of(), quoted, problem);
                }
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                int end = pos;
                endOfLine();
                return new RawRecord(startLine, text.substring(start, end), fields, quoted, null);
            }
        }

        private String unquotedField(List<String> fields) {
            int start = pos;
            while (pos < text.length() && !isRecordEnd(text.charAt(pos)) && text.charAt(pos) != ',') {
                if (text.charAt(pos) == '"') {
                    return "a quote inside an unquoted field (quote the whole field and double the quote)";
                }
                pos++;
            }
            fields.add(text.substring(start, pos));
            return null;
        }

        private String quotedField(List<String> fields) {
            StringBuilder value = new StringBuilder();
            pos++; // the opening quote
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"') {
                    if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                        value.append('"');
                        pos += 2;
                        continue;
                    }
                    pos++; // the closing quote
                    if (pos < text.length() && text.charAt(pos) != ',' && !isRecordEnd(text.charAt(pos))) {
                        return "text after the closing quote of a field";
                    }
                    fields.add(value.toString());
                    return null;
                }
                if (c == '\n' || (c == '\r' && (pos + 1 >= text.length() || text.charAt(pos + 1) != '\n'))) {
                    line++;
                }
                value.append(c);
                pos++;
            }
            return "unterminated quote: the field's closing quote is missing";
        }

        private static boolean isRecordEnd(char c) {
            return c == '\n' || c == '\r';
        }

        /** Consumes one line break (CRLF, LF or a lone CR), if there is one. */
        private void endOfLine() {
            if (pos < text.length() && text.charAt(pos) == '\r') {
                pos++;
            }
            if (pos < text.length() && text.charAt(pos) == '\n') {
                pos++;
            }
            line++;
        }

        private void skipRestOfLine() {
            pos = lineEnd(pos);
            endOfLine();
        }

        private int lineEnd(int from) {
            int end = from;
            while (end < text.length() && !isRecordEnd(text.charAt(end))) {
                end++;
            }
            return end;
        }
    }
}
