package dev.anonbroker.emulator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Refresh tokens and (supabase) sessions, indexed by user so that logout and deletion remove them at once.
 * Rotation is atomic per token: exactly one of two concurrent refreshes with the same token wins.
 */
final class SessionStore {

    /** A login session (supabase {@code sessions} row); {@code method} feeds the {@code amr} claim. */
    record Session(String id, String userId, String method, Instant createdAt) {
    }

    /** A refresh token; {@code revokedAt} and {@code child} are set once, by the rotation that replaced it. */
    static final class RefreshToken {
        final String token;
        final String userId;
        final String sessionId;
        final Instant createdAt;
        Instant revokedAt;
        RefreshToken child;

        RefreshToken(String token, String userId, String sessionId, Instant createdAt) {
            this.token = token;
            this.userId = userId;
            this.sessionId = sessionId;
            this.createdAt = createdAt;
        }

        synchronized boolean revoked() {
            return revokedAt != null;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> tokensByUser = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sessionsByUser = new ConcurrentHashMap<>();
    private final Supplier<String> tokenFactory;

    SessionStore(Supplier<String> tokenFactory) {
        this.tokenFactory = tokenFactory;
    }

    Session openSession(String userId, String method, Instant now) {
        Session session = new Session(Ids.newUuid(), userId, method, now);
        sessions.put(session.id(), session);
        sessionsByUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(session.id());
        return session;
    }

    Optional<Session> session(String id) {
        return Optional.ofNullable(id == null ? null : sessions.get(id));
    }

    RefreshToken issue(String userId, String sessionId, Instant now) {
        RefreshToken token;
        do {
            token = new RefreshToken(tokenFactory.get(), userId, sessionId, now);
        } while (tokens.putIfAbsent(token.token, token) != null);
        tokensByUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(token.token);
        return token;
    }

    Optional<RefreshToken> find(String token) {
        return Optional.ofNullable(token == null ? null : tokens.get(token));
    }

    /** Revokes {@code old} and issues its successor; empty when {@code old} was already revoked. */
    Optional<RefreshToken> rotate(RefreshToken old, Instant now) {
        synchronized (old) {
            if (old.revokedAt != null) {
                return Optional.empty();
            }
            old.revokedAt = now;
            old.child = issue(old.userId, old.sessionId, now);
            return Optional.of(old.child);
        }
    }

    /** Removes a session and the refresh tokens issued under it. */
    void closeSession(String sessionId) {
        Session session = sessions.remove(sessionId);
        if (session == null) {
            return;
        }
        Set<String> userSessions = sessionsByUser.get(session.userId());
        if (userSessions != null) {
            userSessions.remove(sessionId);
        }
        Set<String> userTokens = tokensByUser.get(session.userId());
        if (userTokens == null) {
            return;
        }
        userTokens.removeIf(t -> {
            RefreshToken token = tokens.get(t);
            boolean ofSession = token == null || sessionId.equals(token.sessionId);
            if (ofSession) {
                tokens.remove(t);
            }
            return ofSession;
        });
    }

    /** Every session of the user, optionally sparing one. */
    void closeSessionsOf(String userId, String except) {
        for (String sessionId : Set.copyOf(sessionsByUser.getOrDefault(userId, Set.of()))) {
            if (!sessionId.equals(except)) {
                closeSession(sessionId);
            }
        }
    }

    /** Removes all sessions and refresh tokens of the user (logout in netlify, deletion in both). */
    void forgetUser(String userId) {
        closeSessionsOf(userId, null);
        sessionsByUser.remove(userId);
        Set<String> userTokens = tokensByUser.remove(userId);
        if (userTokens != null) {
            userTokens.forEach(tokens::remove);
        }
    }
}
