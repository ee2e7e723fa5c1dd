package dev.anonbroker.backend;

import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.credential.AuthorizationHeader;
import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.token.BrokerTokenVerifier;
import dev.anonbroker.token.VerifiedBrokerToken;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 7009 revocation of a broker token, which ends its whole session ({@code sid}).
 *
 * <p>Two kinds of caller: a backend client (HTTP Basic), which may revoke tokens of the audiences it may see, and the
 * session's holder ({@code Authorization: Bearer <broker token>}), which may revoke tokens of its own session only.
 * The holder's bearer must verify (signature, issuer, lifetime); it may belong to an already revoked session, since
 * all it can do then is revoke that session again. As RFC 7009 section 2.2 asks, a token that is invalid, expired,
 * unknown, or of an audience the client may not see is answered like a revoked one: nothing happens, 200.
 */
@Singleton
final class SessionRevoker {

    private final BackendClients clients;
    private final TokenIntrospector tokens;
    private final RevocationList revocations;
    private final BrokerConfiguration configuration;
    private final BrokerTokenVerifier verifier;

    SessionRevoker(BackendClients clients, TokenIntrospector tokens, RevocationList revocations,
                   BrokerConfiguration configuration, BrokerTokenVerifier verifier) {
        this.verifier = verifier;
        this.clients = clients;
        this.tokens = tokens;
        this.revocations = revocations;
        this.configuration = configuration;
    }

    void revoke(String authorization, String token) {
        if (BackendClients.isBasic(authorization)) {
            BackendClient client = clients.authenticate(authorization);
            tokens.verified(TokenParameter.required(token))
                    .filter(target -> client.maySee(target.audience()))
                    .ifPresent(this::revokeSession);
            return;
        }
        VerifiedBrokerToken holder = holder(authorization);
        Optional<VerifiedBrokerToken> target = tokens.verified(TokenParameter.required(token));
        if (target.isPresent() && !target.get().sessionId().equals(holder.sessionId())) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "A session's holder may revoke tokens of its own session only.");
        }
        target.ifPresent(this::revokeSession);
    }

    private void revokeSession(VerifiedBrokerToken token) {
        Instant keepUntil = token.authTime().plus(configuration.maxSessionAge()).plus(configuration.clockSkew());
        if (!revocations.revoke(token.sessionId(), keepUntil)) {
            throw ProblemException.retryLater(ProblemType.REVOCATION_UNAVAILABLE, "The broker remembers too many "
                    + "revoked sessions right now; try again later.", 60, null);
        }
    }

    private VerifiedBrokerToken holder(String authorization) {
        String bearer = AuthorizationHeader.credentials(authorization, "Bearer").orElseThrow(() -> new ProblemException(
                ProblemType.CLIENT_UNAUTHENTICATED, "This endpoint requires HTTP Basic authentication of a backend "
                + "client or 'Authorization: Bearer <broker token>' of the session.",
                Map.of("WWW-Authenticate", BackendClients.CHALLENGE + ", Bearer"), null));
        try {
            return verifier.verify(bearer);
        } catch (InvalidTokenException invalid) {
            throw ProblemException.invalidToken(ProblemType.INVALID_TOKEN,
                    "Refused because " + invalid.getMessage() + ".");
        }
    }
}
