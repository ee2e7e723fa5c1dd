package dev.anonbroker.session;

import dev.anonbroker.backend.RevocationList;
import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.dpop.DpopBinding;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.token.SessionExpiredException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /anon-session/refresh}: the session's current refresh token buys the next broker token of its session
 * and a new refresh token, until {@code broker.max-session-age} after the session began. A spent refresh token
 * presented again ends the whole session (RFC 9700 section 4.14.2): its access tokens turn inactive at introspection,
 * and its current refresh token is refused. A session refreshes only from the origin it began on. Refresh needs no
 * GoTrue call: the throwaway user is long deleted by then. A session bound to a DPoP key refreshes only with a proof
 * by that key; a refresh without one is refused before its refresh token is spent.
 */
@Singleton
final class SessionRefresher {

    private final SessionMinter minter;
    private final RefreshTokens refreshTokens;
    private final RevocationList revocations;
    private final BrokerConfiguration configuration;
    private final Clock clock;

    SessionRefresher(SessionMinter minter, RefreshTokens refreshTokens, RevocationList revocations,
                     BrokerConfiguration configuration, Clock clock) {
        this.minter = minter;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.configuration = configuration;
        this.clock = clock;
    }

    IssuedTokens refresh(@Nullable String presented, SessionRequest request) {
        if (presented == null || presented.isBlank()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body must carry the session's "
                    + "refresh_token, as JSON or as a form (in cookie mode: the refresh cookie must). An access token "
                    + "does not refresh.");
        }
        RefreshSession session = refreshTokens.find(presented).orElseThrow(SessionRefresher::unknown);
        if (!clock.instant().isBefore(sessionEnd(session))) {
            throw sessionEnded();
        }
        if (revocations.isRevoked(session.sessionId())) {
            throw revoked();
        }
        DpopBinding.requireSessionKey(session.dpopKey(), request.dpopKey());
        String next = refreshTokens.successorOf(presented);
        switch (refreshTokens.rotate(session, presented, request.verifiedOrigin(), next)) {
            case REVOKED -> throw revoked();
            case UNKNOWN -> throw unknown();
            case REUSED -> throw reused(session);
            case OTHER_ORIGIN -> throw new ProblemException(ProblemType.SESSION_ORIGIN_MISMATCH,
                    "This session began on another origin and refreshes only from it.");
            case ROTATED -> {
                return mint(session, next);
            }
            default -> throw new IllegalStateException("unknown outcome");
        }
    }

    private IssuedTokens mint(RefreshSession session, String next) {
        try {
            return minter.continueSession(session, next);
        } catch (SessionExpiredException ended) {
            throw sessionEnded();
        }
    }

    private ProblemException reused(RefreshSession session) {
        refreshTokens.countReuse();
        Instant keepUntil = sessionEnd(session).plus(configuration.clockSkew());
        revocations.revoke(session.sessionId(), keepUntil, RevocationList.Revoker.SESSION_HOLDER);
        return ProblemException.invalidToken(ProblemType.REFRESH_TOKEN_REUSED, "This refresh token was already used, "
                + "so the session was ended. Start a new one with POST /anon-session.");
    }

    private Instant sessionEnd(RefreshSession session) {
        return Instant.ofEpochSecond(session.startedAtEpochSecond()).plus(configuration.maxSessionAge());
    }

    private static ProblemException unknown() {
        return ProblemException.invalidToken(ProblemType.INVALID_TOKEN,
                "The refresh token is not one of this broker's live sessions.");
    }

    private static ProblemException revoked() {
        return ProblemException.invalidToken(ProblemType.SESSION_REVOKED,
                "The session was revoked. Start a new one with POST /anon-session.");
    }

    private ProblemException sessionEnded() {
        Duration maxSessionAge = configuration.maxSessionAge();
        return ProblemException.invalidToken(ProblemType.SESSION_ENDED, "The session reached its maximum age of "
                + maxSessionAge.toMinutes() + " minutes. Start a new one with POST /anon-session.");
    }
}
