package dev.anonbroker.gate.ratelimit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Instant;

/**
 * The broker's {@link Clock} as the time source of both Bucket4j ({@link TimeMeter}) and Caffeine ({@link Ticker}),
 * so that a bucket's refill and its cache entry's expiry read the same time, and a test that moves its clock moves
 * both. Nanoseconds since the epoch fit a {@code long} until the year 2262.
 *
 * <p>A wall clock can step backwards (NTP): Bucket4j then refills nothing until time catches up, and Caffeine keeps
 * entries a little longer. Both err towards the stricter side.
 */
public final class ClockTime implements TimeMeter, Ticker {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Clock clock;

    public ClockTime(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }

    @Override
    public long read() {
        return currentTimeNanos();
    }
}
