package dev.anonbroker.backend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * The {@link RevocationList} as a Caffeine cache: each revoked session expires on its own, at the instant the
 * revoker computed (the session's start plus {@code broker.max-session-age} plus the clock skew), read from the
 * broker's {@link Clock} through the cache's ticker. It never evicts by size: a full list refuses new entries instead,
 * because forgetting a revocation would bring a session back to life.
 */
@Singleton
final class CaffeineRevocationList implements RevocationList {

    private final Cache<String, Instant> revoked;
    private final int maxSessions;
    private final Clock clock;

    CaffeineRevocationList(RevocationConfiguration configuration, Clock clock) {
        this.maxSessions = configuration.maxSessions();
        this.clock = clock;
        this.revoked = Caffeine.newBuilder()
                .ticker(() -> nanos(clock.instant()))
                .expireAfter(new UntilKeepUntil())
                .build();
    }

    @Override
    public boolean revoke(String sessionId, Instant keepUntil) {
        if (!keepUntil.isAfter(clock.instant())) {
            return true;
        }
        if (revoked.estimatedSize() >= maxSessions) {
            revoked.cleanUp();
            if (revoked.estimatedSize() >= maxSessions && revoked.getIfPresent(sessionId) == null) {
                return false;
            }
        }
        revoked.asMap().merge(sessionId, keepUntil, (old, fresh) -> old.isAfter(fresh) ? old : fresh);
        return true;
    }

    @Override
    public boolean isRevoked(String sessionId) {
        return revoked.getIfPresent(sessionId) != null;
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** Each entry lives until its value, the instant after which no token of the session can be valid. */
    private static final class UntilKeepUntil implements Expiry<String, Instant> {

        @Override
        public long expireAfterCreate(String sessionId, Instant keepUntil, long currentTime) {
            return Math.max(0, nanos(keepUntil) - currentTime);
        }

        @Override
        public long expireAfterUpdate(String sessionId, Instant keepUntil, long currentTime, long currentDuration) {
            return expireAfterCreate(sessionId, keepUntil, currentTime);
        }

        @Override
        public long expireAfterRead(String sessionId, Instant keepUntil, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
