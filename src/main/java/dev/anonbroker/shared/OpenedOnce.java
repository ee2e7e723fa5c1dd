package dev.anonbroker.shared;

import io.lettuce.core.RedisException;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Something opened at first use, not at start-up, so that a broker starts while Redis is down: the first caller
 * opens it, a caller that finds another one opening waits at most {@code timeout}, and an opening that failed is
 * tried again by the next caller.
 *
 * @param <T> what is opened (a connection, or what is built on one)
 */
final class OpenedOnce<T> {

    private final Supplier<T> opener;
    private final Duration timeout;
    private final ReentrantLock opening = new ReentrantLock();
    private volatile T opened;

    OpenedOnce(Supplier<T> opener, Duration timeout) {
        this.opener = opener;
        this.timeout = timeout;
    }

    T get() {
        T open = opened;
        return open != null ? open : open();
    }

    /** What was opened, if anything: for closing. */
    T ifOpened() {
        return opened;
    }

    private T open() {
        boolean locked;
        try {
            locked = opening.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException("interrupted while waiting for the connection to Redis");
        }
        if (!locked) {
            throw new RedisException("still connecting to Redis");
        }
        try {
            T open = opened;
            if (open == null) {
                open = opener.get();
                opened = open;
            }
            return open;
        } finally {
            opening.unlock();
        }
    }
}
