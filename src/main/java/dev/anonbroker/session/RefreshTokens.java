package dev.anonbroker.session;

import dev.anonbroker.credential.SecretDigest;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The refresh tokens of live sessions (RFC 9700 section 4.14): opaque, rotated on every use, stored only as SHA-256.
 *
 * <p>A token is 48 random bytes in base64url without padding (64 characters, one spelling per token): 16 bytes name the
 * session's entry, 32 are the secret. Naming the entry lets one entry per session detect reuse: a token with a known
 * name but not the current digest was spent (or altered), and ends the session. Entries live until the session's start
 * plus {@code broker.max-session-age} plus {@code broker.clock-skew}, in the {@link RefreshSessionStore}: this
 * process's memory, or Redis when {@code redis.uri} is set.
 */
@Singleton
final class RefreshTokens {

    static final int NAME_BYTES = 16;
    private static final int SECRET_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{64}");

    private final SecureRandom random = new SecureRandom();
    private final RefreshSessionStore store;
    private final MeterRegistry registry;

    RefreshTokens(RefreshSessionStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** @throws ProblemException 503 when no new session fits */
    void ensureRoom() {
        store.ensureRoom();
    }

    /** Remembers a new session, bound to the DPoP key {@code dpopKey} if not null, and returns its first refresh token. */
    String open(String subject, String sessionId, long startedAtEpochSecond, String audience, @Nullable String origin,
                @Nullable String dpopKey) {
        byte[] token = new byte[NAME_BYTES + SECRET_BYTES];
        random.nextBytes(token);
        String encoded = encode(token);
        RefreshSession session = new RefreshSession(subject, sessionId, startedAtEpochSecond, audience,
                origin == null ? null : origin.intern(), dpopKey, SecretDigest.of(encoded));
        store.open(token, session);
        return encoded;
    }

    /** The session a well-formed token names, whether or not the token is its current one. */
    Optional<RefreshSession> find(@Nullable String presented) {
        if (presented == null || !SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        return store.find(Base64.getUrlDecoder().decode(presented));
    }

    /** A fresh secret under the same name as {@code presented}; the caller rotates to it. */
    String successorOf(String presented) {
        byte[] token = Base64.getUrlDecoder().decode(presented);
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        System.arraycopy(secret, 0, token, NAME_BYTES, SECRET_BYTES);
        return encode(token);
    }

    /**
     * Spends {@code presented} (a token of {@code session}, as {@link #find} returned it) for {@code next}, atomically
     * across every instance sharing the store; see {@link RefreshSession#rotate}.
     */
    RefreshSession.RefreshOutcome rotate(RefreshSession session, String presented, @Nullable String callerOrigin,
                                         String next) {
        return store.rotate(Base64.getUrlDecoder().decode(presented), session, SecretDigest.of(presented),
                session.allowsOrigin(callerOrigin), SecretDigest.of(next));
    }

    /** Counts a spent refresh token presented again: {@code broker.refresh.reused}. */
    void countReuse() {
        registry.counter("broker.refresh.reused").increment();
    }

    static ProblemException full() {
        return ProblemException.retryLater(ProblemType.SESSIONS_AT_CAPACITY, "The broker holds as many live sessions "
                + "as it may; try again later.", 60, null);
    }

    private static String encode(byte[] token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }
}
