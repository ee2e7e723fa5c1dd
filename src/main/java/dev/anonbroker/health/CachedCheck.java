package dev.anonbroker.health;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A yes-or-no check the public {@code /health} reports, made at most once per interval. While one caller refreshes
 * a stale result, the others answer with the previous one instead of waiting or checking too; only the very first
 * check makes callers wait.
 */
final class CachedCheck {

    private final BooleanSupplier check;
    private final long intervalNanos;
    private final ReentrantLock checking = new ReentrantLock();
    private volatile Result last;

    CachedCheck(BooleanSupplier check, Duration interval) {
        this.check = check;
        this.intervalNanos = interval.toNanos();
    }

    boolean passes() {
        Result known = last;
        if (known != null && known.isFresh(intervalNanos)) {
            return known.passed();
        }
        if (known != null) {
            if (!checking.tryLock()) {
                return known.passed();
            }
        } else {
            checking.lock();
        }
        try {
            Result current = last;
            if (current == null || !current.isFresh(intervalNanos)) {
                current = new Result(check.getAsBoolean(), System.nanoTime());
                last = current;
            }
            return current.passed();
        } finally {
            checking.unlock();
        }
    }

    private record Result(boolean passed, long atNanos) {

        boolean isFresh(long intervalNanos) {
            return System.nanoTime() - atNanos < intervalNanos;
        }
    }
}
