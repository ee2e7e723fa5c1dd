package dev.anonbroker.backend;

import dev.anonbroker.config.BrokerIssuer;
import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.token.BrokerTokenVerifier;
import dev.anonbroker.token.VerifiedBrokerToken;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Answers RFC 7662 introspection for a backend client: active only when the token verifies now (signature, type,
 * issuer, audience, lifetime, see {@link BrokerTokenVerifier}), its session is not revoked, and its audience is one
 * the client may see. Every other case is the same {@code {"active": false}}.
 */
@Singleton
final class TokenIntrospector {

    private final BrokerTokenVerifier verifier;
    private final RevocationList revocations;
    private final BrokerIssuer issuer;

    TokenIntrospector(BrokerTokenVerifier verifier, RevocationList revocations, BrokerIssuer issuer) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.issuer = issuer;
    }

    IntrospectionResponse introspect(BackendClient client, String token) {
        return verified(token)
                .filter(verified -> !revocations.isRevoked(verified.sessionId()))
                .filter(verified -> client.maySee(verified.audience()))
                .map(verified -> IntrospectionResponse.active(issuer.value(), verified))
                .orElse(IntrospectionResponse.INACTIVE);
    }

    /** The token's verified claims, or empty for any token that is not valid right now. */
    Optional<VerifiedBrokerToken> verified(String token) {
        try {
            return Optional.of(verifier.verify(token));
        } catch (InvalidTokenException invalid) {
            return Optional.empty();
        }
    }
}
