package io.flowwatch.analytics.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flowwatch.analytics.service.BadParameterException;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ParamsTest {

    private static String refusedParameter(Runnable read) {
        return assertThrows(BadParameterException.class, read::run).parameter();
    }

    @Test
    void datesAndInstantsOutsideWhatTheDatabaseCanHoldAreRefusedByName() {
        assertEquals(LocalDate.of(2026, 1, 29), Params.date("date", "2026-01-29"));
        assertEquals("date", refusedParameter(() -> Params.date("date", "+999999999-12-31")));
        assertEquals("from", refusedParameter(() -> Params.date("from", "0000-01-01")));
        assertEquals("at", refusedParameter(() -> Params.instant("at", "+999999999-12-31T00:00:00Z")));
        assertEquals("at", refusedParameter(() -> Params.instant("at", "-1000000000-01-01T00:00:00Z")));
    }

    @Test
    void aWindowIsPositiveAndAtMostTenYears() {
        assertEquals(Duration.ofHours(24), Params.window("window", "24h"));
        assertEquals("window", refusedParameter(() -> Params.window("window", "PT9999999999999H")));
        assertEquals("window", refusedParameter(() -> Params.window("window", "999999d")));
        assertEquals("window", refusedParameter(() -> Params.window("window", "-1h")));
    }

    @Test
    void namesAreCodesNotFreeText() {
        assertEquals("us-spot-etf:BTC", Params.code("scope", "us-spot-etf:BTC"));
        assertEquals("asset", refusedParameter(() -> Params.code("asset", "' OR '1'='1' --")));
        assertEquals("venue", refusedParameter(() -> Params.code("venue", "../../../../etc/passwd")));
        assertEquals("source", refusedParameter(() -> Params.code("source", "x\r\nINFO forged")));
        assertEquals("product", refusedParameter(() -> Params.flowScope(null, null, "<script>")));
    }

    @Test
    void aLimitThatIsNotAWholeNumberInRangeIsA400NotA404() {
        assertEquals(100, Params.limit("limit", null, 100, 1000));
        assertEquals(7, Params.limit("limit", "7", 100, 1000));
        assertEquals("limit", refusedParameter(() -> Params.limit("limit", "all", 100, 1000)));
        assertEquals("limit", refusedParameter(() -> Params.limit("limit", "9223372036854775808", 100, 1000)));
        assertEquals("limit", refusedParameter(() -> Params.limit("limit", "0", 100, 1000)));
    }
}
