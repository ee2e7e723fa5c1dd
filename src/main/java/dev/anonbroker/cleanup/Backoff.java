package dev.anonbroker.cleanup;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the wait before attempt n+1 is uniform in
 * [0, min(max, initial * 2^(n-1))], but never less than what GoTrue asked for with {@code Retry-After}.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    Duration afterAttempt(int attempt, Duration retryAfter) {
        long ceiling = initial.toMillis() << Math.min(attempt - 1, 30);
        long bounded = Math.min(max.toMillis(), Math.max(ceiling, 1));
        long jittered = random.nextLong(bounded + 1);
        long floor = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(jittered, floor));
    }
}
