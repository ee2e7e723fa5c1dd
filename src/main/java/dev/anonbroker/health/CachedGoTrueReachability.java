package dev.anonbroker.health;

import dev.anonbroker.gotrue.GoTrueClient;
import jakarta.inject.Singleton;

import java.util.concurrent.locks.ReentrantLock;

/**
 * GoTrue's reachability as the public {@code /health} reports it: one check per
 * {@code broker.health.gotrue-check-interval} at most. While one caller refreshes a stale result, the others answer
 * with the previous one instead of waiting or calling GoTrue too; only the very first check makes callers wait.
 */
@Singleton
final class CachedGoTrueReachability {

    private final GoTrueClient client;
    private final long intervalNanos;
    private final ReentrantLock checking = new ReentrantLock();
    private volatile Check last;

    CachedGoTrueReachability(GoTrueClient client, HealthConfiguration configuration) {
        this.client = client;
        this.intervalNanos = configuration.gotrueCheckInterval().toNanos();
    }

    boolean isReachable() {
        Check known = last;
        if (known != null && known.isFresh(intervalNanos)) {
            return known.reachable();
        }
        if (known != null) {
            if (!checking.tryLock()) {
                return known.reachable();
            }
        } else {
            checking.lock();
        }
        try {
            Check current = last;
            if (current == null || !current.isFresh(intervalNanos)) {
                current = new Check(client.isReachable(), System.nanoTime());
                last = current;
            }
            return current.reachable();
        } finally {
            checking.unlock();
        }
    }

    private record Check(boolean reachable, long atNanos) {

        boolean isFresh(long intervalNanos) {
            return System.nanoTime() - atNanos < intervalNanos;
        }
    }
}
