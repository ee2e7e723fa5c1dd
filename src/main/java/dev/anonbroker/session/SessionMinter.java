package dev.anonbroker.session;

import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.dpop.DpopBinding;
import dev.anonbroker.gotrue.GoTrueMode;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.token.BrokerTokenMinter;
import dev.anonbroker.token.MintRequest;
import dev.anonbroker.token.MintedToken;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The minting step of every session endpoint: a new session ({@code sid}) with its first refresh token, or the next
 * token of an existing one, counted by how it was obtained.
 */
@Singleton
final class SessionMinter {

    /** RFC 9068 {@code client_id}: the public frontend client on whose behalf every broker token is issued. */
    static final String CLIENT_ID = "anon-broker-frontend";

    private final BrokerTokenMinter minter;
    private final BrokerConfiguration configuration;
    private final SessionMetrics metrics;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    SessionMinter(BrokerTokenMinter minter, BrokerConfiguration configuration, SessionMetrics metrics,
                  RefreshTokens refreshTokens, Clock clock) {
        this.minter = minter;
        this.configuration = configuration;
        this.metrics = metrics;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /**
     * The audience of a new session, checked before any GoTrue call, like the room for one more session: a full
     * refresh-token store refuses (503) before a throwaway user is made.
     */
    String audience(SessionRequest request) {
        String audience = configuration.audienceFor(request.audience()).orElseThrow(() -> new ProblemException(
                ProblemType.MALFORMED_REQUEST, "The audience '" + request.audience()
                + "' is not one of this broker's audiences " + configuration.audiences() + "."));
        refreshTokens.ensureRoom();
        return audience;
    }

    /** A token for a new session; {@code mode} null means the session came from an exchange. */
    IssuedTokens startSession(String userId, String audience, SessionRequest request, GoTrueMode mode) {
        String sessionId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String refreshToken = refreshTokens.open(userId, sessionId, now.getEpochSecond(), audience,
                request.verifiedOrigin(), request.dpopKey());
        MintedToken token = minter.mint(new MintRequest(userId, sessionId, Instant.ofEpochSecond(now.getEpochSecond()),
                audience, CLIENT_ID, request.verifiedOrigin(), request.dpopKey()));
        metrics.issued(mode == null ? "exchange" : mode.settingValue());
        return issued(token, sessionId, refreshToken, request.dpopKey(), configuration.maxSessionAge().toSeconds());
    }

    /**
     * The next token of a session: same {@code sid}, {@code sub}, audience, start and {@code origin} (the one the
     * session began on, whatever the refresh came from) and DPoP key, new {@code jti}.
     */
    IssuedTokens continueSession(RefreshSession session, String nextRefreshToken) {
        MintedToken token = minter.mint(new MintRequest(session.subject(), session.sessionId(),
                Instant.ofEpochSecond(session.startedAtEpochSecond()), session.audience(), CLIENT_ID, session.origin(),
                session.dpopKey()));
        metrics.issued("refresh");
        long sessionEnd = session.startedAtEpochSecond() + configuration.maxSessionAge().toSeconds();
        return issued(token, session.sessionId(), nextRefreshToken, session.dpopKey(),
                Math.max(0, sessionEnd - clock.instant().getEpochSecond()));
    }

    private static IssuedTokens issued(MintedToken token, String sessionId, String refreshToken, String dpopKey,
                                       long refreshExpiresIn) {
        return new IssuedTokens(token.token(), dpopKey == null ? "Bearer" : DpopBinding.TOKEN_TYPE,
                token.expiresIn(), sessionId, refreshToken, refreshExpiresIn);
    }
}
