package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant FIRST = Instant.parse("2026-01-29T21:00:00Z");
    private static final RetryPolicy POLICY = RetryPolicy.DEFAULT;

    /** A "random" source that always returns the same fraction, to pin the jitter at its extremes. */
    private static RandomGenerator always(double fraction) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return fraction;
            }
        };
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertEquals(new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofHours(1), Duration.ofHours(24), 0.2), POLICY);
    }

    @Test
    void delaysDoubleFromTenSecondsAndJitterOnlyShortensByUpToTwentyPercent() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long backoff = 10_000L << (attempt - 1);
            assertEquals(Duration.ofMillis(backoff), POLICY.delayAfter(attempt, always(0.0)));
            assertEquals(Duration.ofMillis(Math.round(backoff * 0.8)), POLICY.delayAfter(attempt, always(1.0)));
        }
    }

    @Test
    void delaysAreCappedAtOneHourEvenForHugeAttemptCounts() {
        assertEquals(Duration.ofHours(1), POLICY.delayAfter(10, always(0.0)));
        assertEquals(Duration.ofHours(1), POLICY.delayAfter(10_000, always(0.0)));
        assertEquals(Duration.ofMinutes(48), POLICY.delayAfter(10_000, always(1.0)));
    }

    @Test
    void jitterSpreadsRetriesWithinTheBounds() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 1000; i++) {
            long delay = POLICY.delayAfter(3, random).toMillis();
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertTrue(min >= 32_000 && max <= 40_000, min + ".." + max);
        assertTrue(max - min > 6_000, "jitter should spread retries, got " + min + ".." + max);
    }

    @Test
    void theNextAttemptIsNowPlusTheDelay() {
        Instant now = FIRST.plusSeconds(10);
        assertEquals(Optional.of(now.plusSeconds(20)), POLICY.nextAttempt(2, FIRST, now, always(0.0)));
        assertEquals(Optional.of(FIRST), POLICY.nextAttempt(0, FIRST, FIRST, always(0.0)), "no attempt yet: now");
    }

    @Test
    void givesUpWhenTheNextAttemptWouldBeMoreThanADayAfterTheFirst() {
        Instant deadline = FIRST.plus(Duration.ofHours(24));
        assertEquals(Optional.of(deadline), POLICY.nextAttempt(30, FIRST, deadline.minus(Duration.ofHours(1)), always(0.0)));
        assertEquals(Optional.empty(), POLICY.nextAttempt(30, FIRST, deadline.minus(Duration.ofMinutes(59)), always(0.0)));
        assertEquals(Optional.empty(), POLICY.nextAttempt(0, FIRST, deadline.plusSeconds(1), always(0.0)));
    }

    @Test
    void aDeliveryThatAlwaysFailsIsRetriedForADayThenParked() {
        Instant now = FIRST;
        int attempts = 1;
        Optional<Instant> next;
        while ((next = POLICY.nextAttempt(attempts, FIRST, now, always(0.0))).isPresent()) {
            now = next.get();
            attempts++;
        }
        assertFalse(now.isAfter(FIRST.plus(Duration.ofHours(24))));
        assertTrue(now.isAfter(FIRST.plus(Duration.ofHours(23))), "kept trying for most of the day: " + now);
        // 10 s … 2560 s (9 doublings, 5110 s in all), then hourly: 22 more within the day
        assertEquals(1 + 9 + 22, attempts);
    }

    @Test
    void nonsensePoliciesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ZERO, 2, Duration.ofHours(1), Duration.ofHours(24), 0.2));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofHours(2), 2, Duration.ofHours(1), Duration.ofHours(24), 0.2));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(10), 0.5, Duration.ofHours(1), Duration.ofHours(24), 0.2));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(10), 2, Duration.ofHours(1), Duration.ofHours(24), 1.0));
    }
}
