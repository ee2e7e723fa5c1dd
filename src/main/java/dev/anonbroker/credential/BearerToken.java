package dev.anonbroker.credential;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;

import java.util.Map;

/**
 * Reads {@code Authorization: Bearer <token>} (RFC 6750 section 2.1). A missing or malformed header is a 401
 * whose challenge names no error, as RFC 6750 section 3.1 asks.
 */
public final class BearerToken {

    private BearerToken() {
    }

    public static String from(String authorization, String what) {
        String token = AuthorizationHeader.credentials(authorization, "Bearer").orElseThrow(() ->
                new ProblemException(ProblemType.INVALID_TOKEN, "This endpoint requires 'Authorization: Bearer <"
                        + what + ">'.", Map.of("WWW-Authenticate", "Bearer"), null));
        if (token.isEmpty() || token.contains(" ")) {
            throw ProblemException.invalidToken(ProblemType.INVALID_TOKEN, "The bearer token is malformed.");
        }
        return token;
    }
}
