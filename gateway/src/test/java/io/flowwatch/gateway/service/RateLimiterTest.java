package io.flowwatch.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(10, 3, now::get);

        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.acquire("k").isEmpty(), "burst call " + i);
        }
        Duration wait = limiter.acquire("k").orElseThrow();
        assertEquals(100, wait.toMillis(), "one token comes back every 100 ms at 10/s");

        now.addAndGet(Duration.ofMillis(100).toNanos());
        assertTrue(limiter.acquire("k").isEmpty());
        assertTrue(limiter.acquire("k").isPresent());
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        RateLimiter limiter = new RateLimiter(1, 1, () -> 0L);
        assertTrue(limiter.acquire("a").isEmpty());
        assertTrue(limiter.acquire("a").isPresent());
        assertTrue(limiter.acquire("b").isEmpty());
    }
}
