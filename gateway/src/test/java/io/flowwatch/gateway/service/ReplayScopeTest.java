package io.flowwatch.gateway.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplayScopeTest {

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noQueryAndNoBodyOrAnEmptyObjectIsTheWholeLog() {
        assertTrue(ReplayScope.isWholeLog(null, null));
        assertTrue(ReplayScope.isWholeLog("", new byte[0]));
        assertTrue(ReplayScope.isWholeLog(null, body("{}")));
        assertTrue(ReplayScope.isWholeLog(null, body("  \n")));
        assertTrue(ReplayScope.isWholeLog(null, body("{\"from\":null,\"comment\":\"rebuild\"}")));
        assertTrue(ReplayScope.isWholeLog("from=&verbose=1", null), "a blank filter filters nothing, as in ingest");
    }

    @Test
    void aFilterInTheQueryOrTheBodyIsAPart() {
        assertFalse(ReplayScope.isWholeLog("from=2026-01-01T00:00:00Z", null));
        assertFalse(ReplayScope.isWholeLog("subject=IBIT", null));
        assertFalse(ReplayScope.isWholeLog(null, body("{\"type\":\"flowwatch.quote.v1\"}")));
    }

    @Test
    void aBodyThatIngestWillRefuseNeverCountsAsTheWholeLog() {
        assertFalse(ReplayScope.isWholeLog(null, body("[]")), "an array");
        assertFalse(ReplayScope.isWholeLog(null, body("{")), "not JSON");
        assertFalse(ReplayScope.isWholeLog(null, new byte[] {(byte) 0xFF, (byte) 0xFE}), "not UTF-8");
        assertFalse(ReplayScope.isWholeLog(null, body("{\"a\":1,\"a\":2}")), "a key twice");
        assertFalse(ReplayScope.isWholeLog(null, body("\"all\"")), "a string");
        assertFalse(ReplayScope.isWholeLog("from=%ZZ", null), "a query that does not decode");
    }
}
