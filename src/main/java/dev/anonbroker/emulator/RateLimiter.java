package dev.anonbroker.emulator;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key, as tollbooth (netlify) and supabase's limiter keep them: a bucket starts full with
 * {@code burst} tokens and refills at {@code refillPerSecond}; a request takes one token or is refused.
 */
final class RateLimiter {

    private final double burst;
    private final double refillPerSecond;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double burst, double refillPerSecond, Clock clock) {
        this.burst = burst;
        this.refillPerSecond = refillPerSecond;
        this.clock = clock;
    }

    /** {@code count} events per {@code seconds}, burst {@code burst}. */
    static RateLimiter perPeriod(int count, long seconds, int burst, Clock clock) {
        return new RateLimiter(burst, (double) count / seconds, clock);
    }

    /** Takes a token for {@code key}; false when its bucket is empty. */
    boolean tryAcquire(String key) {
        long nowNanos = nanos();
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos)).take(nowNanos, burst, refillPerSecond);
    }

    private long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }

        synchronized boolean take(long nowNanos, double burst, double refillPerSecond) {
            if (nowNanos > lastNanos) {
                tokens = Math.min(burst, tokens + (nowNanos - lastNanos) / 1e9 * refillPerSecond);
                lastNanos = nowNanos;
            }
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
