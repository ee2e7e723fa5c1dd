package dev.anonbroker.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.credential.SecretDigest;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The refresh tokens of live sessions (RFC 9700 section 4.14): opaque, rotated on every use, stored only as SHA-256.
 *
 * <p>A token is 48 random bytes in base64url without padding (64 characters, one spelling per token): 16 bytes name the
 * session's entry, 32 are the secret. Naming the entry lets one entry per session detect reuse: a token with a known
 * name but not the current digest was spent (or altered), and ends the session. Entries live until the session's start
 * plus {@code broker.max-session-age} plus {@code broker.clock-skew}; at most {@code broker.refresh.max-sessions} of
 * them, and when full a new session is refused (503) rather than forgetting a live one.
 */
@Singleton
final class RefreshTokens {

    private static final int NAME_BYTES = 16;
    private static final int SECRET_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{64}");

    private final SecureRandom random = new SecureRandom();
    private final Cache<EntryName, RefreshSession> sessions;
    private final AtomicInteger live = new AtomicInteger();
    private final int maxSessions;
    private final Duration keepFor;
    private final Clock clock;
    private final MeterRegistry registry;

    RefreshTokens(RefreshConfiguration configuration, BrokerConfiguration broker, Clock clock, MeterRegistry registry) {
        this.maxSessions = configuration.maxSessions();
        this.keepFor = broker.maxSessionAge().plus(broker.clockSkew());
        this.clock = clock;
        this.registry = registry;
        this.sessions = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new UntilSessionEnd())
                .evictionListener((name, session, cause) -> live.decrementAndGet())
                .build();
        Gauge.builder("broker.refresh.sessions", live, AtomicInteger::get)
                .description("sessions whose refresh token is remembered").register(registry);
    }

    /** @throws ProblemException 503 when no new session fits */
    void ensureRoom() {
        if (live.get() >= maxSessions) {
            sessions.cleanUp();
            if (live.get() >= maxSessions) {
                throw full();
            }
        }
    }

    /** Remembers a new session, bound to the DPoP key {@code dpopKey} if not null, and returns its first refresh token. */
    String open(String subject, String sessionId, long startedAtEpochSecond, String audience, @Nullable String origin,
                @Nullable String dpopKey) {
        if (!claimRoom()) {
            sessions.cleanUp();
            if (!claimRoom()) {
                throw full();
            }
        }
        byte[] token = new byte[NAME_BYTES + SECRET_BYTES];
        random.nextBytes(token);
        String encoded = encode(token);
        RefreshSession session = new RefreshSession(subject, sessionId, startedAtEpochSecond, audience,
                origin == null ? null : origin.intern(), dpopKey, SecretDigest.of(encoded));
        sessions.put(EntryName.of(token), session);
        return encoded;
    }

    /** The session a well-formed token names, whether or not the token is its current one. */
    Optional<RefreshSession> find(@Nullable String presented) {
        if (presented == null || !SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(sessions.getIfPresent(EntryName.of(Base64.getUrlDecoder().decode(presented))));
    }

    /** A fresh secret under the same name as {@code presented}; the caller rotates to it. */
    String successorOf(String presented) {
        byte[] token = Base64.getUrlDecoder().decode(presented);
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        System.arraycopy(secret, 0, token, NAME_BYTES, SECRET_BYTES);
        return encode(token);
    }

    /** Counts a spent refresh token presented again: {@code broker.refresh.reused}. */
    void countReuse() {
        registry.counter("broker.refresh.reused").increment();
    }

    private boolean claimRoom() {
        int seen;
        do {
            seen = live.get();
            if (seen >= maxSessions) {
                return false;
            }
        } while (!live.compareAndSet(seen, seen + 1));
        return true;
    }

    private ProblemException full() {
        return ProblemException.retryLater(ProblemType.SESSIONS_AT_CAPACITY, "The broker holds as many live sessions "
                + "as it may; try again later.", 60, null);
    }

    private static String encode(byte[] token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The first 16 bytes of a token: the name of its session's entry. */
    private record EntryName(long high, long low) {

        static EntryName of(byte[] token) {
            ByteBuffer bytes = ByteBuffer.wrap(token, 0, NAME_BYTES);
            return new EntryName(bytes.getLong(), bytes.getLong());
        }
    }

    /** Each entry lives until its session can have no valid token any more. */
    private final class UntilSessionEnd implements Expiry<EntryName, RefreshSession> {

        @Override
        public long expireAfterCreate(EntryName name, RefreshSession session, long currentTime) {
            long endMillis = (session.startedAtEpochSecond() * 1000) + keepFor.toMillis();
            return Math.max(0, endMillis - clock.millis()) * 1_000_000L;
        }

        @Override
        public long expireAfterUpdate(EntryName name, RefreshSession session, long currentTime, long currentDuration) {
            return currentDuration;
        }

        @Override
        public long expireAfterRead(EntryName name, RefreshSession session, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
