package dev.anonbroker.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for an asynchronous outcome (a deletion, a sweep) by polling a condition until a deadline: the test fails
 * with a message if it never holds. Not a sleep standing in for synchronisation: it returns as soon as the
 * condition is true.
 */
public final class Await {

    private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
