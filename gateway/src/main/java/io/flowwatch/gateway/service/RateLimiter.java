package io.flowwatch.gateway.service;

import io.flowwatch.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A token bucket per API key: {@code rate} requests per second with a {@code burst} allowance. */
@ApplicationScoped
public class RateLimiter {

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<Object, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }
    }

    @jakarta.inject.Inject
    public RateLimiter(GatewayConfig config) {
        this(config.rateLimitPerSecond(), config.rateLimitBurst(), System::nanoTime);
    }

    RateLimiter(int perSecond, int burst, LongSupplier nanoClock) {
        this.ratePerNano = perSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.nanoClock = nanoClock;
    }

    /** Empty when the call may go ahead; otherwise how long to wait before the next one. */
    public Optional<Duration> acquire(Object key) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedAt) * ratePerNano);
            bucket.updatedAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            long waitNanos = (long) Math.ceil((1 - bucket.tokens) / ratePerNano);
            return Optional.of(Duration.ofNanos(waitNanos));
        }
    }
}
