package dev.anonbroker.sweep;

import dev.anonbroker.credential.AuthorizationHeader;
import dev.anonbroker.credential.SecretDigest;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.util.Map;

/**
 * Checks {@code Authorization: Bearer <broker.sweep.operator-token>} on the operator endpoint. Both sides are hashed
 * first and compared with {@link MessageDigest#isEqual}, so the time taken reveals neither the token nor its length.
 * A missing or wrong credential is a 401 with {@code WWW-Authenticate} (RFC 6750 section 3).
 */
@Singleton
@Requires(property = SweepController.TOKEN_PROPERTY)
final class OperatorCredential {

    private static final String CHALLENGE = "Bearer realm=\"anon-broker operator\"";
    private static final int MIN_LENGTH = 16;

    private final byte[] expected;

    OperatorCredential(SweepConfiguration configuration) {
        String token = configuration.operatorToken();
        if (token == null || token.strip().length() < MIN_LENGTH) {
            throw new ConfigurationException(SweepController.TOKEN_PROPERTY + " must be at least " + MIN_LENGTH
                    + " characters long");
        }
        this.expected = SecretDigest.of(token.strip());
    }

    void check(String authorization) {
        String presented = AuthorizationHeader.credentials(authorization, "Bearer").orElseThrow(() ->
                new ProblemException(ProblemType.INVALID_TOKEN, "This endpoint requires 'Authorization: Bearer <operator token>'.",
                        Map.of("WWW-Authenticate", CHALLENGE), null));
        if (!SecretDigest.matches(expected, presented)) {
            throw new ProblemException(ProblemType.INVALID_TOKEN, "The operator token is not valid.",
                    Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""), null);
        }
    }
}
