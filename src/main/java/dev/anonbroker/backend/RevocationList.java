package dev.anonbroker.backend;

import java.time.Instant;

/**
 * The sessions revoked through {@code POST /revoke} (RFC 7009) or by a reused refresh token, remembered until no token
 * of theirs can be valid any more. Per process and in memory: a restart forgets them, and offline verifiers never see
 * them. Holders use a bounded share of it, so that a backend client can always revoke.
 */
public interface RevocationList {

    /** Who asked for a revocation; holders may fill only their share ({@code broker.revocation.max-holder-sessions}). */
    enum Revoker { SESSION_HOLDER, BACKEND_CLIENT }

    /**
     * Remembers {@code sessionId} as revoked until {@code keepUntil}.
     *
     * @return false when the list, or the holders' share of it, is full of sessions that may still have valid tokens;
     *         nothing was remembered
     */
    boolean revoke(String sessionId, Instant keepUntil, Revoker revoker);

    /** Whether {@code sessionId} was revoked (and is still remembered). */
    boolean isRevoked(String sessionId);
}
