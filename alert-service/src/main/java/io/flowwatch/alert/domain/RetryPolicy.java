package io.flowwatch.alert.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff ({@code initial × multiplier^(n-1)}, capped at
 * {@code max}) made up to {@code jitter} shorter at random so that many failed deliveries do not retry in step,
 * until {@code giveUpAfter} from the first attempt; after that the message is parked, visible and replayable.
 *
 * @param jitter the fraction (0 ≤ jitter < 1) by which a delay may be shortened
 */
public record RetryPolicy(Duration initial, double multiplier, Duration max, Duration giveUpAfter, double jitter) {

    /** 10 s, doubling, at most 1 h apart, for 24 h, 20 % jitter. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofHours(1), Duration.ofHours(24), 0.2);

    public RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (!initial.isPositive() || max.compareTo(initial) < 0 || !giveUpAfter.isPositive()) {
            throw new IllegalArgumentException("need 0 < initial <= max and a positive giveUpAfter");
        }
        if (multiplier < 1.0 || jitter < 0.0 || jitter >= 1.0) {
            throw new IllegalArgumentException("need multiplier >= 1 and 0 <= jitter < 1");
        }
    }

    /**
     * When to make the next attempt.
     *
     * @param attemptsSoFar how many attempts have failed; 0 means none was made yet (attempt now)
     * @param firstAttempt when the first attempt was made (or is made)
     * @param now the time of deciding, normally that of the last failure
     * @return the next attempt's time, or empty when it would lie beyond {@code firstAttempt + giveUpAfter}: park
     */
    public Optional<Instant> nextAttempt(int attemptsSoFar, Instant firstAttempt, Instant now, RandomGenerator random) {
        Instant deadline = firstAttempt.plus(giveUpAfter);
        if (attemptsSoFar <= 0) {
            return now.isAfter(deadline) ? Optional.empty() : Optional.of(now);
        }
        Instant next = now.plus(delayAfter(attemptsSoFar, random));
        return next.isAfter(deadline) ? Optional.empty() : Optional.of(next);
    }

    /** The wait after the n-th failed attempt (n ≥ 1): between {@code (1 - jitter) × backoff} and the backoff. */
    public Duration delayAfter(int attemptsSoFar, RandomGenerator random) {
        // in doubles, so a large attempt count saturates at max instead of overflowing
        double backoffMillis = Math.min(
                initial.toMillis() * Math.pow(multiplier, attemptsSoFar - 1), (double) max.toMillis());
        double shortened = backoffMillis * (1.0 - jitter * random.nextDouble());
        return Duration.ofMillis(Math.round(shortened));
    }
}
