package dev.anonbroker.sweep;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;

/**
 * Checks {@code Authorization: Bearer <broker.sweep.operator-token>} on the operator endpoint. Both sides are hashed
 * first and compared with {@link MessageDigest#isEqual}, so the time taken reveals neither the token nor its length.
 * A missing or wrong credential is a 401 with {@code WWW-Authenticate} (RFC 6750 section 3).
 */
@Singleton
@Requires(property = SweepController.TOKEN_PROPERTY)
final class OperatorCredential {

    private static final String PREFIX = "bearer ";
    private static final String CHALLENGE = "Bearer realm=\"anon-broker operator\"";
    private static final int MIN_LENGTH = 16;

    private final byte[] expected;

    OperatorCredential(SweepConfiguration configuration) {
        String token = configuration.operatorToken();
        if (token == null || token.strip().length() < MIN_LENGTH) {
            throw new ConfigurationException(SweepController.TOKEN_PROPERTY + " must be at least " + MIN_LENGTH
                    + " characters long");
        }
        this.expected = digest(token.strip());
    }

    void check(String authorization) {
        if (authorization == null || authorization.length() <= PREFIX.length()
                || !authorization.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
            throw new ProblemException(ProblemType.INVALID_TOKEN,
                    "This endpoint requires 'Authorization: Bearer <operator token>'.",
                    Map.of("WWW-Authenticate", CHALLENGE), null);
        }
        byte[] presented = digest(authorization.substring(PREFIX.length()).strip());
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new ProblemException(ProblemType.INVALID_TOKEN, "The operator token is not valid.",
                    Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""), null);
        }
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
