package dev.anonbroker.backend;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;

/** The {@code token} form parameter that introspection and revocation require (RFC 7662 and RFC 7009, section 2.1). */
final class TokenParameter {

    private TokenParameter() {
    }

    /** The token of a form body that may be absent (an empty body binds no form at all). */
    static @Nullable String of(@Nullable TokenForm form) {
        return form == null ? null : form.token();
    }

    /** @throws ProblemException 400 when the parameter is missing or blank */
    static String required(@Nullable String token) {
        if (token == null || token.isBlank()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The form parameter 'token' is required.");
        }
        return token;
    }
}
