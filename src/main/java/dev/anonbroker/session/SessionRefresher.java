package dev.anonbroker.session;

import dev.anonbroker.backend.RevocationList;
import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.token.SessionExpiredException;
import dev.anonbroker.token.VerifiedBrokerToken;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * {@code POST /anon-session/refresh}: a valid, unexpired broker token buys the next token of its session, until
 * {@code broker.max-session-age} after the session began. micronaut-security has verified the token by the time this
 * runs; a session revoked through {@code POST /revoke} is refused here. Refresh needs no GoTrue call: the throwaway
 * user is long deleted by then.
 */
@Singleton
final class SessionRefresher {

    private final SessionMinter minter;
    private final Duration maxSessionAge;
    private final RevocationList revocations;

    SessionRefresher(SessionMinter minter, BrokerConfiguration configuration, RevocationList revocations) {
        this.revocations = revocations;
        this.minter = minter;
        this.maxSessionAge = configuration.maxSessionAge();
    }

    AnonSessionResponse refresh(VerifiedBrokerToken current, SessionRequest request) {
        if (revocations.isRevoked(current.sessionId())) {
            throw ProblemException.invalidToken(ProblemType.SESSION_REVOKED,
                    "The session was revoked. Start a new one with POST /anon-session.");
        }
        try {
            return minter.continueSession(current, request.verifiedOrigin());
        } catch (SessionExpiredException ended) {
            throw sessionEnded();
        }
    }

    private ProblemException sessionEnded() {
        return ProblemException.invalidToken(ProblemType.SESSION_ENDED, "The session reached its maximum age of "
                + maxSessionAge.toMinutes() + " minutes. Start a new one with POST /anon-session.");
    }
}
