package dev.anonbroker.session;

import dev.anonbroker.backend.RevocationList;
import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.cookie.SessionCookieConfiguration;
import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.token.BrokerTokenVerifier;
import dev.anonbroker.token.VerifiedBrokerToken;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * Ends the sessions named by the cookies of {@code POST /anon-session/end}: the session a refresh token names, and the
 * session of a valid broker token. Like RFC 7009 section 2.2, a value that names no live session is no error: there is
 * nothing to end. Revoking makes the session's tokens inactive at introspection and its refresh token useless; offline
 * verifiers keep accepting an access token until it expires, which the cleared cookie keeps the browser from sending.
 */
@Singleton
@Requires(property = SessionCookieConfiguration.PREFIX + ".enabled", value = "true")
final class SessionEnder {

    private final RefreshTokens refreshTokens;
    private final BrokerTokenVerifier verifier;
    private final RevocationList revocations;
    private final BrokerConfiguration configuration;

    SessionEnder(RefreshTokens refreshTokens, BrokerTokenVerifier verifier, RevocationList revocations,
                 BrokerConfiguration configuration) {
        this.refreshTokens = refreshTokens;
        this.verifier = verifier;
        this.revocations = revocations;
        this.configuration = configuration;
    }

    /** @throws ProblemException 503 when the revocation list has no room for a holder's revocation */
    void end(List<String> presentedRefreshTokens, List<String> presentedAccessTokens) {
        for (String presented : presentedRefreshTokens) {
            refreshTokens.find(presented).ifPresent(session -> revoke(session.sessionId(),
                    Instant.ofEpochSecond(session.startedAtEpochSecond())));
        }
        for (String presented : presentedAccessTokens) {
            try {
                VerifiedBrokerToken token = verifier.verify(presented);
                revoke(token.sessionId(), token.authTime());
            } catch (InvalidTokenException invalidOrExpired) {
                // nothing to end: the token no longer opens anything
            }
        }
    }

    private void revoke(String sessionId, Instant sessionStart) {
        Instant keepUntil = sessionStart.plus(configuration.maxSessionAge()).plus(configuration.clockSkew());
        if (!revocations.revoke(sessionId, keepUntil, RevocationList.Revoker.SESSION_HOLDER)) {
            throw ProblemException.retryLater(ProblemType.REVOCATION_UNAVAILABLE, "The broker remembers too many "
                    + "ended sessions right now; try again later.", 60, null);
        }
    }
}
