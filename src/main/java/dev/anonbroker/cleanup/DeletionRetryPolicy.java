package dev.anonbroker.cleanup;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The retry policy of deletions, from {@code broker.cleanup.*}: at most {@code max-attempts} attempts, waits growing
 * exponentially with full jitter from {@code initial-backoff} up to {@code max-backoff}, never shorter than GoTrue's
 * {@code Retry-After}. The deletion queue and the orphan sweep both follow it, so a GoTrue outage is treated alike
 * whichever of them meets it.
 */
@Singleton
public final class DeletionRetryPolicy {

    /** Draws from the calling thread's own generator, so the policy can be shared between threads. */
    private static final RandomGenerator RANDOM = () -> ThreadLocalRandom.current().nextLong();

    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration initialBackoff;

    public DeletionRetryPolicy(CleanupConfiguration configuration) {
        this.maxAttempts = configuration.maxAttempts();
        this.backoff = new Backoff(configuration.initialBackoff(), configuration.maxBackoff(), RANDOM);
        this.initialBackoff = configuration.initialBackoff();
    }

    /** Attempts of one deletion, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether another attempt may follow the given (1-based) failed attempt. */
    public boolean mayRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /**
     * How long to wait after the given (1-based) failed attempt before the next one.
     *
     * @param retryAfter GoTrue's {@code Retry-After}, or null
     */
    public Duration waitAfter(int attempt, Duration retryAfter) {
        return backoff.afterAttempt(attempt, retryAfter);
    }

    /**
     * How long a deferred try waits (circuit open, or GoTrue failing every call): the backoff of all tries so far, at
     * least {@code initial-backoff} so that deferred jobs never spin, and at least {@code retryAfter} (the time until the
     * circuit breaker half-opens, or GoTrue's {@code Retry-After}).
     */
    Duration waitWhileDeferred(int tries, Duration retryAfter) {
        Duration wait = backoff.afterAttempt(Math.max(tries, 1), retryAfter);
        return wait.compareTo(initialBackoff) < 0 ? initialBackoff : wait;
    }
}
