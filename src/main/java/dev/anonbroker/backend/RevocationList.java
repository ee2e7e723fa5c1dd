package dev.anonbroker.backend;

import java.time.Instant;

/**
 * The sessions revoked through {@code POST /revoke} (RFC 7009), remembered until no token of theirs can be valid any
 * more. Per process and in memory: a restart forgets them, and offline verifiers never see them.
 */
public interface RevocationList {

    /**
     * Remembers {@code sessionId} as revoked until {@code keepUntil}.
     *
     * @return false when the list is full of sessions that may still have valid tokens; nothing was remembered
     */
    boolean revoke(String sessionId, Instant keepUntil);

    /** Whether {@code sessionId} was revoked (and is still remembered). */
    boolean isRevoked(String sessionId);
}
