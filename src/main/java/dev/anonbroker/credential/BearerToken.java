package dev.anonbroker.credential;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;

import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code Authorization: Bearer <token>} (RFC 6750 section 2.1). A missing or malformed header is a 401
 * whose challenge names no error, as RFC 6750 section 3.1 asks.
 */
public final class BearerToken {

    static final String SCHEME = "Bearer";

    private BearerToken() {
    }

    /** @throws ProblemException 401 when the header is missing or its token malformed */
    public static String from(String authorization, String what) {
        problem(authorization, what).ifPresent(problem -> {
            throw problem;
        });
        return AuthorizationHeader.credentials(authorization, SCHEME).orElseThrow();
    }

    /** The 401 for a missing bearer or a malformed one; empty when the header carries a well-formed token. */
    static Optional<ProblemException> problem(String authorization, String what) {
        Optional<String> token = AuthorizationHeader.credentials(authorization, SCHEME);
        if (token.isEmpty()) {
            return Optional.of(new ProblemException(ProblemType.INVALID_TOKEN, "This endpoint requires "
                    + "'Authorization: Bearer <" + what + ">'.", Map.of("WWW-Authenticate", SCHEME), null));
        }
        if (token.get().isEmpty() || token.get().contains(" ")) {
            return Optional.of(ProblemException.invalidToken(ProblemType.INVALID_TOKEN, "The bearer token is malformed."));
        }
        return Optional.empty();
    }
}
