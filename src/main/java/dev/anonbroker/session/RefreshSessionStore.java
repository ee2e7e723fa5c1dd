package dev.anonbroker.session;

import dev.anonbroker.session.RefreshSession.RefreshOutcome;

import java.util.Optional;

/**
 * Where {@link RefreshTokens} keeps its sessions, each under the 16-byte name its tokens begin with: in this process's
 * memory without {@code redis.uri} ({@link CaffeineRefreshSessions}), in Redis with it ({@link RedisRefreshSessions}),
 * so that a token minted on one instance refreshes on any other.
 */
interface RefreshSessionStore {

    /** @throws dev.anonbroker.problem.ProblemException 503 when no new session fits, or the shared store is down */
    void ensureRoom();

    /** Remembers {@code session} under {@code name} until its end. @throws ProblemException 503 when it does not fit */
    void open(byte[] name, RefreshSession session);

    Optional<RefreshSession> find(byte[] name);

    /**
     * Atomically, across every instance sharing the store: spends {@code presentedDigest} for {@code nextDigest} when
     * it is the session's current one and {@code originAllowed}; a digest that is not the current one ends the session.
     */
    RefreshOutcome rotate(byte[] name, RefreshSession session, byte[] presentedDigest, boolean originAllowed,
                          byte[] nextDigest);
}
