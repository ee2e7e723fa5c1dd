package dev.anonbroker.backend;

import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.credential.Roles;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.token.VerifiedBrokerToken;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/**
 * RFC 7009 revocation of a broker token, which ends its whole session ({@code sid}).
 *
 * <p>Two kinds of caller, both authenticated by micronaut-security before this runs: a backend client (HTTP Basic),
 * which may revoke tokens of the audiences it may see, and the session's holder ({@code Authorization: Bearer
 * <broker token>}), which may revoke tokens of its own session only. The holder's bearer was verified (signature,
 * issuer, lifetime) but not checked against the revocation list: all it can do with an already revoked session is
 * revoke it again. As RFC 7009 section 2.2 asks, a token that is invalid, expired, unknown, or of an audience the
 * client may not see is answered like a revoked one: nothing happens, 200.
 */
@Singleton
final class SessionRevoker {

    private final TokenIntrospector tokens;
    private final RevocationList revocations;
    private final BrokerConfiguration configuration;

    SessionRevoker(TokenIntrospector tokens, RevocationList revocations, BrokerConfiguration configuration) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.configuration = configuration;
    }

    void revoke(Authentication caller, String token) {
        Optional<VerifiedBrokerToken> target = tokens.verified(TokenParameter.required(token));
        if (caller.getRoles().contains(Roles.BACKEND_CLIENT)) {
            BackendClient client = BackendClient.of(caller);
            target.filter(verified -> client.maySee(verified.audience()))
                    .ifPresent(verified -> revokeSession(verified, RevocationList.Revoker.BACKEND_CLIENT));
            return;
        }
        VerifiedBrokerToken holder = VerifiedBrokerToken.of(caller);
        if (target.isPresent() && !target.get().sessionId().equals(holder.sessionId())) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "A session's holder may revoke tokens of its own session only.");
        }
        target.ifPresent(verified -> revokeSession(verified, RevocationList.Revoker.SESSION_HOLDER));
    }

    private void revokeSession(VerifiedBrokerToken token, RevocationList.Revoker revoker) {
        Instant keepUntil = token.authTime().plus(configuration.maxSessionAge()).plus(configuration.clockSkew());
        if (!revocations.revoke(token.sessionId(), keepUntil, revoker)) {
            throw ProblemException.retryLater(ProblemType.REVOCATION_UNAVAILABLE, "The broker remembers too many "
                    + "sessions revoked by their holders right now; try again later.", 60, null);
        }
    }
}
