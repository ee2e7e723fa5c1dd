package dev.anonbroker.pool;

import dev.anonbroker.gotrue.GoTrueException;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pause after failed refills: {@code initial × 2^(failures in a row - 1)}, capped, with jitter in its upper half,
 * and never shorter than what GoTrue (or the refills' open circuit breaker) asked for. A success ends it. Measured
 * with {@link System#nanoTime()}: it bounds a wait.
 */
final class RefillBackoff {

    private final Duration initial;
    private final Duration max;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());

    RefillBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    boolean isPaused() {
        return System.nanoTime() - pausedUntilNanos.get() < 0;
    }

    void succeeded() {
        failuresInARow.set(0);
    }

    void failed(RuntimeException failure) {
        int failures = failuresInARow.incrementAndGet();
        long ceiling = initial.toNanos();
        for (int doubled = 1; doubled < failures && ceiling < max.toNanos(); doubled++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toNanos());
        long pause = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if (failure instanceof GoTrueException gotrue && gotrue.retryAfter().isPresent()) {
            pause = Math.max(pause, gotrue.retryAfter().get().toNanos());
        }
        pausedUntilNanos.set(System.nanoTime() + pause);
    }
}
