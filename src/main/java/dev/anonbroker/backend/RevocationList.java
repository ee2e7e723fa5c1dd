package dev.anonbroker.backend;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The sessions revoked through {@code POST /revoke} (RFC 7009) or by a reused refresh token, remembered until no token
 * of theirs can be valid any more. Without {@code redis.uri} per process and in memory (a restart forgets them, holders
 * use a bounded share of it, so that a backend client can always revoke); with it, shared by every instance in Redis,
 * bounded by Redis's memory. Offline verifiers never see them.
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

    /**
     * Whether {@code sessionId} was revoked (and is still remembered).
     *
     * @throws dev.anonbroker.problem.ProblemException 503 {@code shared-state-unavailable} when the shared list cannot
     *         be read: never "not revoked" for want of an answer
     */
    boolean isRevoked(String sessionId);

    /**
     * {@link #isRevoked} without blocking the calling thread on a shared list, for the event loop: it completes
     * exceptionally (503 {@code shared-state-unavailable}) where {@code isRevoked} would throw.
     */
    default CompletionStage<Boolean> isRevokedAsync(String sessionId) {
        return CompletableFuture.completedFuture(isRevoked(sessionId));
    }
}
