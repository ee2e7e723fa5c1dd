package dev.anonbroker.gate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.anonbroker.credential.SecretDigest;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link SingleUseSet} in this process's memory, for a broker without Redis. Only a SHA-256 digest of each value is
 * kept. It never forgets a value early: when {@code capacity} values are remembered, a new one is refused
 * ({@link Outcome#FULL}), because evicting an old one would let it be replayed. The bound is approximate under
 * concurrent inserts.
 */
public final class CaffeineSingleUseSet implements SingleUseSet {

    private final Cache<ByteBuffer, Instant> seen;
    private final long capacity;
    private final Clock clock;

    public CaffeineSingleUseSet(long capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.clock = clock;
        this.seen = Caffeine.newBuilder()
                .ticker(() -> nanos(clock.instant()))
                .expireAfter(Expiry.creating((ByteBuffer key, Instant forgettableAt) ->
                        nonNegative(Duration.between(clock.instant(), forgettableAt))))
                .build();
    }

    @Override
    public Outcome use(String value, Instant forgettableAt) {
        ByteBuffer key = ByteBuffer.wrap(SecretDigest.of(value));
        if (seen.getIfPresent(key) != null) {
            return Outcome.REPLAYED;
        }
        if (!forgettableAt.isAfter(clock.instant())) {
            return Outcome.FIRST_USE;
        }
        if (seen.estimatedSize() >= capacity) {
            seen.cleanUp();
            if (seen.estimatedSize() >= capacity) {
                return Outcome.FULL;
            }
        }
        return seen.asMap().putIfAbsent(key, forgettableAt) == null ? Outcome.FIRST_USE : Outcome.REPLAYED;
    }

    @Override
    public void forget(String value) {
        seen.invalidate(ByteBuffer.wrap(SecretDigest.of(value)));
    }

    long size() {
        seen.cleanUp();
        return seen.estimatedSize();
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
