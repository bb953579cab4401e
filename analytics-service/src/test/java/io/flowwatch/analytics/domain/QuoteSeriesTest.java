package io.flowwatch.analytics.domain;

import static io.flowwatch.analytics.domain.Amounts.assertAmount;
import static io.flowwatch.analytics.domain.Amounts.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.analytics.domain.QuoteSeries.Change;
import io.flowwatch.analytics.domain.QuoteSeries.Field;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteSeriesTest {

    private static final Instant T0 = Instant.parse("2026-01-28T20:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofHours(1));
    private static final Instant T2 = T0.plus(Duration.ofHours(2));
    private static final Duration HOUR = Duration.ofHours(1);

    private static final QuoteSeries SERIES = QuoteSeries.of(List.of(
            new QuotePoint(T2, usd("90"), usd("950")),
            new QuotePoint(T0, usd("100"), usd("1000")),
            new QuotePoint(T1, null, usd("900"))));

    @Test
    void changeIsFromTheLatestPointAtOrBeforeTheWindowStartToTheLatestAtOrBeforeTheEnd() {
        Change change = SERIES.change(T2, Duration.ofHours(2), Field.PRICE).orElseThrow();
        assertAmount("100", change.from());
        assertAmount("90", change.to());
        assertEquals(T0, change.fromTime());
        assertEquals(T2, change.toTime());
        assertEquals(new BigDecimal("-10.00"), change.percent());

        // At T2 + 30 min over 1 h: the start T1 + 30 min has no price at T1, so the price of T0 is in force.
        Change later = SERIES.change(T2.plus(Duration.ofMinutes(30)), HOUR, Field.PRICE).orElseThrow();
        assertEquals(T0, later.fromTime());
        assertEquals(T2, later.toTime());
    }

    @Test
    void percentIsRoundedHalfUpAndTheExactValueIsKept() {
        Change change = SERIES.change(T2, HOUR, Field.MARKET_CAP).orElseThrow(); // 900 → 950
        assertEquals(new BigDecimal("5.56"), change.percent());
        assertTrue(change.exactPercent().toPlainString().startsWith("5.5555555555"), change.exactPercent()::toString);

        QuoteSeries halfway = QuoteSeries.of(List.of(new QuotePoint(T0, usd("80"), null),
                new QuotePoint(T1, usd("80.1"), null))); // +0.125 %
        Change half = halfway.change(T1, HOUR, Field.PRICE).orElseThrow();
        assertEquals(new BigDecimal("0.13"), half.percent()); // HALF_EVEN would give 0.12
        assertAmount("0.125", half.exactPercent());
    }

    @Test
    void preferredFieldIsPriceOnlyWhenBothEndsHaveOne() {
        assertEquals(Field.PRICE, SERIES.change(T2, Duration.ofHours(2)).orElseThrow().field());
        Change capOnly = SERIES.change(T2, HOUR).orElseThrow(); // T1 has no price
        assertEquals(Field.MARKET_CAP, capOnly.field());
        assertAmount("900", capOnly.from());
        assertEquals(Field.MARKET_CAP, Field.preferredFor(new QuotePoint(T0, usd("1"), usd("1")),
                new QuotePoint(T1, null, usd("1"))));
        assertEquals(Field.PRICE, Field.preferredFor(new QuotePoint(T0, usd("1"), null),
                new QuotePoint(T1, usd("2"), null)));
    }

    @Test
    void noChangeWithoutAStartPointOrFromZero() {
        assertTrue(SERIES.change(T2, Duration.ofHours(3), Field.PRICE).isEmpty());
        assertTrue(SERIES.change(T0.minusSeconds(1), HOUR).isEmpty());
        QuoteSeries zero = QuoteSeries.of(List.of(new QuotePoint(T0, BigDecimal.ZERO, null),
                new QuotePoint(T1, usd("1"), null)));
        assertTrue(zero.change(T1, HOUR, Field.PRICE).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> SERIES.change(T2, Duration.ZERO, Field.PRICE));
    }

    @Test
    void marketCapInForceAtAnInstant() {
        assertAmount("900", SERIES.marketCapAt(T1.plus(Duration.ofMinutes(59))).orElseThrow());
        assertAmount("950", SERIES.marketCapAt(T2).orElseThrow());
        assertTrue(SERIES.marketCapAt(T0.minusMillis(1)).isEmpty());
        assertAmount("100", SERIES.priceAt(T1).orElseThrow());
    }

    @Test
    void twoQuotesAtOneTimeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> QuoteSeries.of(List.of(
                new QuotePoint(T0, usd("1"), null), new QuotePoint(T0, usd("2"), null))));
        assertThrows(IllegalArgumentException.class, () -> new QuotePoint(T0, null, null));
    }
}
