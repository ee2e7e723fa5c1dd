package dev.anonbroker.sweep;

import dev.anonbroker.credential.Roles;
import dev.anonbroker.credential.SecretDigest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.security.MessageDigest;
import java.util.List;

/**
 * micronaut-security's bearer authentication of the operator: {@code Authorization: Bearer
 * <broker.sweep.operator-token>} authenticates as {@link Roles#OPERATOR}. Both sides are hashed first and compared
 * with {@link MessageDigest#isEqual}, so the time taken reveals neither the token nor its length. It exists exactly
 * when {@link SweepController} does.
 */
@Singleton
@Requires(property = SweepConfiguration.ENABLED, notEquals = "false")
@Requires(property = SweepController.TOKEN_PROPERTY)
final class OperatorTokenValidator implements TokenValidator<HttpRequest<?>> {

    private static final int MIN_LENGTH = 16;

    private final byte[] expected;

    OperatorTokenValidator(SweepConfiguration configuration) {
        String token = configuration.operatorToken();
        if (token == null || token.strip().length() < MIN_LENGTH) {
            throw new ConfigurationException(SweepController.TOKEN_PROPERTY + " must be at least " + MIN_LENGTH
                    + " characters long");
        }
        this.expected = SecretDigest.of(token.strip());
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        return SecretDigest.matches(expected, token)
                ? Publishers.just(Authentication.build("operator", List.of(Roles.OPERATOR)))
                : Publishers.empty();
    }
}
