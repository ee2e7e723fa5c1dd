package dev.anonbroker.backend;

import dev.anonbroker.config.BrokerIssuer;
import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.token.BrokerTokenVerifier;
import dev.anonbroker.token.VerifiedBrokerToken;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

    /** Completes on the caller's thread without Redis; with it, when Redis answered (never blocking the caller). */
    CompletionStage<IntrospectionResponse> introspect(BackendClient client, String token) {
        Optional<VerifiedBrokerToken> seen = verified(token).filter(verified -> client.maySee(verified.audience()));
        if (seen.isEmpty()) {
            return CompletableFuture.completedFuture(IntrospectionResponse.INACTIVE);
        }
        VerifiedBrokerToken verified = seen.get();
        return revocations.isRevokedAsync(verified.sessionId()).thenApply(revoked -> revoked
                ? IntrospectionResponse.INACTIVE : IntrospectionResponse.active(issuer.value(), verified));
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
