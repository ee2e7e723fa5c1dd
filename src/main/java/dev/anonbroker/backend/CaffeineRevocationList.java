package dev.anonbroker.backend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.anonbroker.credential.SecretDigest;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link RevocationList} as a Caffeine cache: each revoked session expires on its own, at the instant the
 * revoker computed (the session's start plus {@code broker.max-session-age} plus the clock skew), read from the
 * broker's {@link Clock} through the cache's ticker. It never evicts by size: a full list refuses new entries instead,
 * because forgetting a revocation would bring a session back to life. Holders may fill at most their share; backend
 * clients may fill the rest and whatever holders leave. Each entry is a fixed-size key (the {@code sid}'s 16 bytes)
 * and an expiry. Used without {@code redis.uri}; with it, the list is shared in Redis
 * ({@code dev.anonbroker.shared.RedisRevocationList}).
 */
@Singleton
@Requires(missingProperty = "redis.uri")
final class CaffeineRevocationList implements RevocationList {

    private final Cache<SessionKey, RevokedUntil> revoked;
    private final AtomicInteger remembered = new AtomicInteger();
    private final AtomicInteger byHolders = new AtomicInteger();
    private final int maxSessions;
    private final int holderShare;
    private final Clock clock;

    CaffeineRevocationList(RevocationConfiguration configuration, Clock clock) {
        this.maxSessions = configuration.maxSessions();
        this.holderShare = configuration.holderShare();
        this.clock = clock;
        this.revoked = Caffeine.newBuilder()
                .ticker(() -> nanos(clock.instant()))
                .expireAfter(new UntilKeepUntil())
                .evictionListener((SessionKey key, RevokedUntil entry, RemovalCause cause) -> release(entry))
                .build();
    }

    @Override
    public boolean revoke(String sessionId, Instant keepUntil, Revoker revoker) {
        if (!keepUntil.isAfter(clock.instant())) {
            return true;
        }
        if (remember(SessionKey.of(sessionId), nanos(keepUntil), revoker == Revoker.SESSION_HOLDER)) {
            return true;
        }
        revoked.cleanUp();
        return remember(SessionKey.of(sessionId), nanos(keepUntil), revoker == Revoker.SESSION_HOLDER);
    }

    @Override
    public boolean isRevoked(String sessionId) {
        return revoked.getIfPresent(SessionKey.of(sessionId)) != null;
    }

    private boolean remember(SessionKey key, long keepUntilNanos, boolean byHolder) {
        RevokedUntil entry = revoked.asMap().compute(key, (k, old) -> {
            if (old != null) {
                return old.keepUntilNanos() >= keepUntilNanos ? old : new RevokedUntil(keepUntilNanos, old.byHolder());
            }
            return claim(byHolder) ? new RevokedUntil(keepUntilNanos, byHolder) : null;
        });
        return entry != null;
    }

    private boolean claim(boolean byHolder) {
        if (byHolder && !claim(byHolders, holderShare)) {
            return false;
        }
        if (!claim(remembered, maxSessions)) {
            if (byHolder) {
                byHolders.decrementAndGet();
            }
            return false;
        }
        return true;
    }

    private static boolean claim(AtomicInteger counter, int limit) {
        int seen;
        do {
            seen = counter.get();
            if (seen >= limit) {
                return false;
            }
        } while (!counter.compareAndSet(seen, seen + 1));
        return true;
    }

    private void release(RevokedUntil entry) {
        remembered.decrementAndGet();
        if (entry.byHolder()) {
            byHolders.decrementAndGet();
        }
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** A {@code sid} in 16 bytes: the UUID the broker minted, or, for any other value, its SHA-256 prefix. */
    private record SessionKey(long high, long low) {

        static SessionKey of(String sessionId) {
            try {
                UUID uuid = UUID.fromString(sessionId);
                if (uuid.toString().equals(sessionId)) {
                    return new SessionKey(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
                }
            } catch (IllegalArgumentException notUuid) {
                // falls through to the digest
            }
            ByteBuffer digest = ByteBuffer.wrap(SecretDigest.of(sessionId));
            return new SessionKey(digest.getLong(), digest.getLong());
        }
    }

    /** The instant after which no token of the session can be valid, and whether a holder asked. */
    private record RevokedUntil(long keepUntilNanos, boolean byHolder) {
    }

    private static final class UntilKeepUntil implements Expiry<SessionKey, RevokedUntil> {

        @Override
        public long expireAfterCreate(SessionKey key, RevokedUntil entry, long currentTime) {
            return Math.max(0, entry.keepUntilNanos() - currentTime);
        }

        @Override
        public long expireAfterUpdate(SessionKey key, RevokedUntil entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(SessionKey key, RevokedUntil entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
