package dev.anonbroker.token;

import dev.anonbroker.credential.InvalidTokenException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * micronaut-security's bearer authentication of broker tokens: a token that {@link BrokerTokenVerifier} accepts
 * authenticates its holder ({@link VerifiedBrokerToken#authentication()}). The verifier alone decides; the
 * framework's own JWT validator is off ({@code micronaut.security.token.jwt.nimbus.reactive-validator}), since it
 * checks neither {@code typ} nor the exact issuer. Any other bearer (a GoTrue token, the operator token) simply
 * fails here and authenticates as nothing; the reason is kept on the request for the 401.
 *
 * <p>It does not consult the revocation list: revocation accepts the holder of a revoked session, and refresh
 * refuses it with its own problem.
 */
@Singleton
final class BrokerTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final BrokerTokenVerifier verifier;

    BrokerTokenValidator(BrokerTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        try {
            return Publishers.just(verifier.verify(token).authentication());
        } catch (InvalidTokenException refused) {
            if (request != null) {
                refused.recordOn(request);
            }
            return Publishers.empty();
        }
    }

    /** Before the operator token's validator, so that every bearer a request carries gets a broker verdict. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
