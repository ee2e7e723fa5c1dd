package dev.anonbroker.backend;

import dev.anonbroker.credential.AuthorizationHeader;
import dev.anonbroker.credential.SecretDigest;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Authenticates backend clients by HTTP Basic ({@code client_secret_basic}, RFC 6749 section 2.3.1, RFC 7617).
 *
 * <p>Secrets are compared as SHA-256 digests with {@link MessageDigest#isEqual}: constant time over a fixed length,
 * so neither the content nor the length of the secret leaks through timing; an unknown client id is compared against
 * a dummy digest all the same. RFC 6749 asks clients to form-encode id and secret before Basic encoding, curl
 * {@code -u} does not: both spellings are accepted, which differ only for secrets with {@code %} or {@code +}.
 */
@Singleton
final class BackendClients {

    static final String CHALLENGE = "Basic realm=\"anon-broker\"";
    private static final String SCHEME = "Basic";

    private final Map<String, Registered> byId;
    private final byte[] dummyDigest = SecretDigest.of("no such client");

    BackendClients(List<BackendClientConfiguration> configurations) {
        this.byId = configurations.stream().collect(Collectors.toUnmodifiableMap(BackendClientConfiguration::id,
                c -> new Registered(new BackendClient(c.id(), c.audiences()), SecretDigest.of(c.secret())), (a, b) -> a));
    }

    /** Whether {@code authorization} uses the Basic scheme at all. */
    static boolean isBasic(String authorization) {
        return AuthorizationHeader.credentials(authorization, SCHEME).isPresent();
    }

    /** @throws ProblemException 401 with a Basic challenge, whatever the reason, so callers learn nothing more */
    BackendClient authenticate(String authorization) {
        return credentials(authorization).flatMap(this::check).orElseThrow(() -> new ProblemException(
                ProblemType.CLIENT_UNAUTHENTICATED,
                "This endpoint requires HTTP Basic authentication of a backend client configured under "
                        + BackendClientConfiguration.PREFIX + ".",
                Map.of("WWW-Authenticate", CHALLENGE), null));
    }

    private Optional<BackendClient> check(String[] idAndSecret) {
        Optional<BackendClient> raw = match(idAndSecret[0], idAndSecret[1], Function.identity());
        return raw.isPresent() ? raw : match(idAndSecret[0], idAndSecret[1], BackendClients::formDecoded);
    }

    private Optional<BackendClient> match(String id, String secret, Function<String, String> decoding) {
        Registered registered = byId.get(decoding.apply(id));
        byte[] expected = registered == null ? dummyDigest : registered.secretDigest();
        boolean equal = SecretDigest.matches(expected, decoding.apply(secret));
        return registered != null && equal ? Optional.of(registered.client()) : Optional.empty();
    }

    private static Optional<String[]> credentials(String authorization) {
        return AuthorizationHeader.credentials(authorization, SCHEME).flatMap(BackendClients::idAndSecret);
    }

    private static Optional<String[]> idAndSecret(String basicCredentials) {
        try {
            String decoded = new String(Base64.getDecoder().decode(basicCredentials), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty()
                    : Optional.of(new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static String formDecoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return value;
        }
    }

    private record Registered(BackendClient client, byte[] secretDigest) {
    }
}
