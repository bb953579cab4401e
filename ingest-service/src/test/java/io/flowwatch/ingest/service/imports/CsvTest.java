package io.flowwatch.ingest.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    private static Csv.Table read(String text) {
        return Csv.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
        Csv.Table table = read("a,b,c\n\"1,234.5\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,y,z\n");
        assertEquals(List.of(), table.errors());
        assertEquals(List.of("1,234.5", "say \"hi\"", "two\nlines"), table.records().get(0).fields());
        assertEquals(2, table.records().get(0).line());
        assertEquals(4, table.records().get(1).line(), "physical lines count the break inside the quotes");
    }

    @Test
    void crlfAndLfAreBothLineEnds() {
        Csv.Table crlf = read("a,b\r\n1,2\r\n3,4\r\n");
        assertEquals(List.of(), crlf.errors());
        assertEquals(List.of("a", "b"), crlf.header());
        assertEquals(List.of(List.of("1", "2"), List.of("3", "4")), crlf.records().stream().map(Csv.Record::fields).toList());
        assertEquals(3, crlf.records().get(1).line());
        assertEquals(crlf.records(), read("a,b\n1,2\n3,4").records());
    }

    @Test
    void byteOrderMarkIsSkipped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] rest = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[bom.length + rest.length];
        System.arraycopy(bom, 0, body, 0, bom.length);
        System.arraycopy(rest, 0, body, bom.length, rest.length);
        assertEquals(List.of("a", "b"), Csv.read(body).header());
    }

    @Test
    void blankTrailingLinesAreIgnoredButABlankLineInsideIsAnError() {
        Csv.Table trailing = read("a,b\n1,2\n\n\r\n  \n");
        assertEquals(List.of(), trailing.errors());
        assertEquals(1, trailing.rowsRead());

        Csv.Table inside = read("a,b\n1,2\n\n3,4\n");
        assertEquals(List.of(new RowError(3, "row", "", "blank line inside the table")), inside.errors());
        assertEquals(2, inside.records().size());
    }

    @Test
    void invalidUtf8IsAFileErrorNamingTheByteOffset() {
        byte[] body = "a,b\n1,\u00e9\n".getBytes(StandardCharsets.ISO_8859_1); // é as the single Latin-1 byte 0xE9
        Csv.Table table = Csv.read(body);
        assertEquals(1, table.errors().size());
        RowError error = table.errors().getFirst();
        assertEquals("file", error.field());
        assertTrue(error.reason().contains("byte offset 6"), error.reason());
        assertTrue(table.header().isEmpty() && table.records().isEmpty());
    }

    @Test
    void truncatedRowIsAnErrorSayingExpectedAndFound() {
        Csv.Table table = read("a,b,c\n1,2,3\n4,5\n");
        assertEquals(1, table.records().size());
        assertEquals(2, table.rowsRead());
        RowError error = table.errors().getFirst();
        assertEquals(new RowError(3, "row", "4,5", "expected 3 fields as in the header, found 2"), error);
    }

    @Test
    void unterminatedQuoteIsAnErrorOnItsLine() {
        Csv.Table table = read("a,b\n1,2\n3,\"4\n5,6\n");
        assertEquals(1, table.records().size());
        assertEquals(1, table.errors().size());
        RowError error = table.errors().getFirst();
        assertEquals(3, error.line());
        assertEquals("row", error.field());
        assertTrue(error.reason().contains("unterminated quote"), error.reason());
    }

    @Test
    void strayQuotesAreErrors() {
        Csv.Table table = read("a,b\n1,2\"x\n\"3\"x,4\n5,6\n");
        assertEquals(List.of(2, 3), table.errors().stream().map(RowError::line).toList());
        assertEquals(List.of(List.of("5", "6")), table.records().stream().map(Csv.Record::fields).toList());
    }

    @Test
    void semicolonOrTabDelimiterIsAHeaderErrorSayingItMustBeAComma() {
        for (String text : List.of("a;b;c\n1;2;3\n", "a\tb\tc\n1\t2\t3\n")) {
            Csv.Table table = read(text);
            assertTrue(table.header().isEmpty() && table.records().isEmpty(), text);
            RowError error = table.errors().getFirst();
            assertEquals("header", error.field());
            assertTrue(error.reason().contains("delimiter must be a comma"), error.reason());
        }
    }

    @Test
    void emptyBodyIsAFileError() {
        for (String text : List.of("", "\n\n", "\uFEFF")) {
            Csv.Table table = read(text);
            assertEquals(List.of(new RowError(0, "file", null, "the file is empty")), table.errors());
        }
    }

    @Test
    void headerOnlyIsAValidEmptyTable() {
        Csv.Table table = read("a,b\r\n");
        assertEquals(List.of(), table.errors());
        assertEquals(List.of("a", "b"), table.header());
        assertEquals(0, table.rowsRead());
    }

    @Test
    void errorValuesAreCutTo100Characters() {
        Csv.Table table = read("a,b\n" + "x".repeat(300) + "\n");
        assertEquals(100, table.errors().getFirst().value().length());
    }
}
