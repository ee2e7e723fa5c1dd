package dev.anonbroker.session;

import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.gotrue.GoTrueMode;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.token.BrokerTokenMinter;
import dev.anonbroker.token.MintRequest;
import dev.anonbroker.token.MintedToken;
import dev.anonbroker.token.VerifiedBrokerToken;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The minting step of every session endpoint: a new session ({@code sid}) or the next token of an existing one,
 * counted by how it was obtained.
 */
@Singleton
final class SessionMinter {

    /** RFC 9068 {@code client_id}: the public frontend client on whose behalf every broker token is issued. */
    static final String CLIENT_ID = "anon-broker-frontend";

    private final BrokerTokenMinter minter;
    private final BrokerConfiguration configuration;
    private final SessionMetrics metrics;
    private final Clock clock;

    SessionMinter(BrokerTokenMinter minter, BrokerConfiguration configuration, SessionMetrics metrics, Clock clock) {
        this.minter = minter;
        this.configuration = configuration;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The audience of a new session, checked before any GoTrue call. */
    String audience(SessionRequest request) {
        return configuration.audienceFor(request.audience()).orElseThrow(() -> new ProblemException(
                ProblemType.MALFORMED_REQUEST, "The audience '" + request.audience()
                + "' is not one of this broker's audiences " + configuration.audiences() + "."));
    }

    /** A token for a new session; {@code mode} null means the session came from an exchange. */
    AnonSessionResponse startSession(String userId, String audience, SessionRequest request, GoTrueMode mode) {
        String sessionId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        MintedToken token = minter.mint(new MintRequest(userId, sessionId, now, audience, CLIENT_ID, request.verifiedOrigin()));
        metrics.issued(mode == null ? "exchange" : mode.settingValue());
        return response(token, sessionId);
    }

    /** The next token of a session: same {@code sid}, {@code sub}, audience and start, new {@code jti}. */
    AnonSessionResponse continueSession(VerifiedBrokerToken current, String verifiedOrigin) {
        String origin = verifiedOrigin != null ? verifiedOrigin : current.origin();
        MintedToken token = minter.mint(new MintRequest(current.subject(), current.sessionId(), current.authTime(),
                current.audience(), CLIENT_ID, origin));
        metrics.issued("refresh");
        return response(token, current.sessionId());
    }

    private static AnonSessionResponse response(MintedToken token, String sessionId) {
        return new AnonSessionResponse(token.token(), "Bearer", token.expiresIn(), sessionId);
    }
}
