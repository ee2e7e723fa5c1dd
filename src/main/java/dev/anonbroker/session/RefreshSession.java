package dev.anonbroker.session;

import io.micronaut.core.annotation.Nullable;

import java.security.MessageDigest;

/**
 * One session as {@link RefreshTokens} remembers it: what its next broker token is minted from, and the SHA-256 of its
 * current refresh token, never the token itself. In memory ({@link CaffeineRefreshSessions}) it is mutable under its
 * own lock, so that a rotation is atomic; from Redis ({@link RedisRefreshSessions}) it is a copy, and Redis rotates.
 */
final class RefreshSession {

    private final String subject;
    private final String sessionId;
    private final long startedAtEpochSecond;
    private final String audience;
    @Nullable
    private final String origin;
    @Nullable
    private final String dpopKey;
    private byte[] currentDigest;
    private boolean revoked;

    RefreshSession(String subject, String sessionId, long startedAtEpochSecond, String audience,
                   @Nullable String origin, @Nullable String dpopKey, byte[] currentDigest) {
        this.subject = subject;
        this.sessionId = sessionId;
        this.startedAtEpochSecond = startedAtEpochSecond;
        this.audience = audience;
        this.origin = origin;
        this.dpopKey = dpopKey;
        this.currentDigest = currentDigest;
    }

    String subject() {
        return subject;
    }

    String sessionId() {
        return sessionId;
    }

    long startedAtEpochSecond() {
        return startedAtEpochSecond;
    }

    String audience() {
        return audience;
    }

    @Nullable
    String origin() {
        return origin;
    }

    /** The thumbprint of the DPoP key the session is bound to, or null for a bearer session. */
    @Nullable
    String dpopKey() {
        return dpopKey;
    }

    synchronized byte[] currentDigest() {
        return currentDigest.clone();
    }

    /** Whether a refresh from {@code callerOrigin} may continue this session: the one it began on, if it had one. */
    boolean allowsOrigin(@Nullable String callerOrigin) {
        return origin == null || origin.equalsIgnoreCase(callerOrigin);
    }

    /**
     * Spends {@code presentedDigest} for {@code nextDigest} when it is the current one and the caller's origin is
     * allowed. A token of this session that is not the current one (spent, or altered) ends the session.
     */
    synchronized RefreshOutcome rotate(byte[] presentedDigest, boolean originAllowed, byte[] nextDigest) {
        if (revoked) {
            return RefreshOutcome.REVOKED;
        }
        if (!MessageDigest.isEqual(currentDigest, presentedDigest)) {
            revoked = true;
            return RefreshOutcome.REUSED;
        }
        if (!originAllowed) {
            return RefreshOutcome.OTHER_ORIGIN;
        }
        currentDigest = nextDigest;
        return RefreshOutcome.ROTATED;
    }

    /** {@code UNKNOWN}: the session expired (or was forgotten) between reading it and rotating it. */
    enum RefreshOutcome { ROTATED, REUSED, REVOKED, OTHER_ORIGIN, UNKNOWN }
}
