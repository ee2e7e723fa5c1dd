package dev.anonbroker.dpop;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Which key a session's tokens are bound to. A session is bound when it starts with a proof (always required when
 * {@code broker.dpop.enabled}), and stays so: each refresh needs a proof by the same key. A session that started
 * without one stays a bearer session, and a proof on its refresh is refused rather than silently ignored.
 */
@Singleton
public final class DpopBinding {

    /** RFC 9449 section 4.1. */
    public static final String HEADER = "DPoP";
    public static final String TOKEN_TYPE = "DPoP";

    private final DpopProofVerifier verifier;
    private final HttpTargets targets;
    private final DpopConfiguration configuration;

    DpopBinding(DpopProofVerifier verifier, HttpTargets targets, DpopConfiguration configuration) {
        this.verifier = verifier;
        this.targets = targets;
        this.configuration = configuration;
    }

    /**
     * The key a new session started by {@code request} (for the broker's {@code path}) is bound to, or null.
     *
     * @throws ProblemException 403 for a missing proof when required, or an invalid one
     */
    @Nullable
    public String keyOfNewSession(HttpRequest<?> request, String path) {
        String key = presentedKey(request, path);
        if (key == null && configuration.enabled()) {
            throw new ProblemException(ProblemType.DPOP_PROOF_REQUIRED, "This broker binds every token to a key: "
                    + "send a DPoP proof (RFC 9449) in the DPoP header.");
        }
        return key;
    }

    /**
     * The verified key of the request's proof, or null when it carries none.
     *
     * @throws ProblemException 403 for an invalid proof or more than one
     */
    @Nullable
    public String presentedKey(HttpRequest<?> request, String path) {
        List<String> proofs = request.getHeaders().getAll(HEADER);
        if (proofs.isEmpty()) {
            return null;
        }
        if (proofs.size() > 1) {
            throw new ProblemException(ProblemType.DPOP_PROOF_INVALID, "Send exactly one DPoP header.");
        }
        return verifier.verify(proofs.get(0), request.getMethodName(), targets.of(path));
    }

    /**
     * Refuses a refresh whose proof's key is not the session's, before the refresh token is spent: a copied refresh
     * token without the key buys nothing, and cannot end the session either.
     */
    public static void requireSessionKey(@Nullable String sessionKey, @Nullable String presentedKey) {
        if (sessionKey == null && presentedKey == null) {
            return;
        }
        if (sessionKey == null) {
            throw new ProblemException(ProblemType.DPOP_KEY_MISMATCH, "This session was started without a DPoP "
                    + "proof and is not bound to a key; start a new session with a proof for bound tokens.");
        }
        if (presentedKey == null) {
            throw new ProblemException(ProblemType.DPOP_PROOF_REQUIRED, "This session is bound to a key: send a "
                    + "DPoP proof by that key in the DPoP header.");
        }
        if (!MessageDigest.isEqual(sessionKey.getBytes(StandardCharsets.US_ASCII),
                presentedKey.getBytes(StandardCharsets.US_ASCII))) {
            throw new ProblemException(ProblemType.DPOP_KEY_MISMATCH, "The DPoP proof is by another key than the "
                    + "one this session is bound to.");
        }
    }
}
