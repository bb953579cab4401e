package io.flowwatch.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamTypesTest {

    @Test
    void absentMeansBothAndKnownTypesAreTaken() {
        assertEquals(Set.of("metric", "alert"), StreamTypes.parse(null));
        assertEquals(Set.of("alert"), StreamTypes.parse("alert"));
        assertEquals(Set.of("metric", "alert"), StreamTypes.parse("metric, alert"));
    }

    @Test
    void anythingElseIsRefusedByNameRatherThanStreamingNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamTypes.parse("metrics"));
        assertTrue(e.getMessage().contains("'types'") && e.getMessage().contains("'metrics'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StreamTypes.parse(""));
        assertThrows(IllegalArgumentException.class, () -> StreamTypes.parse("metric,"));
        assertThrows(IllegalArgumentException.class, () -> StreamTypes.parse("<script>alert(1)</script>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StreamTypes.parse("a\r\nb")).getMessage()
                .contains("a??b"), "control characters are not echoed");
    }
}
