package dev.anonbroker.backend;

import dev.anonbroker.credential.SecretDigest;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * micronaut-security's authentication provider for backend clients ({@code client_secret_basic}, RFC 6749 section
 * 2.3.1): checks the id and secret that {@link BackendClientFetcher} read from HTTP Basic against
 * {@code broker.backend-clients}.
 *
 * <p>Secrets are compared as SHA-256 digests with {@link MessageDigest#isEqual}: constant time over a fixed length,
 * so neither the content nor the length of the secret leaks through timing; an unknown client id is compared against
 * a dummy digest all the same, and both failures are the same response. RFC 6749 asks clients to form-encode id and
 * secret before Basic encoding, curl {@code -u} does not: both spellings are accepted, which differ only for secrets
 * with {@code %} or {@code +}.
 *
 * @param <B> the request body type, as micronaut-security's {@code Authenticator} asks
 */
@Singleton
final class BackendClients<B> implements HttpRequestAuthenticationProvider<B> {

    private final Map<String, Registered> byId;
    private final byte[] dummyDigest = SecretDigest.of("no such client");

    BackendClients(List<BackendClientConfiguration> configurations) {
        this.byId = configurations.stream().collect(Collectors.toUnmodifiableMap(BackendClientConfiguration::id,
                c -> new Registered(new BackendClient(c.id(), c.audiences()), SecretDigest.of(c.secret())), (a, b) -> a));
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        return check(credentials.getIdentity(), credentials.getSecret())
                .map(BackendClient::authenticated)
                .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
    }

    private Optional<BackendClient> check(String id, String secret) {
        Optional<BackendClient> raw = match(id, secret, Function.identity());
        return raw.isPresent() ? raw : match(id, secret, BackendClients::formDecoded);
    }

    private Optional<BackendClient> match(String id, String secret, Function<String, String> decoding) {
        Registered registered = byId.get(decoding.apply(id));
        byte[] expected = registered == null ? dummyDigest : registered.secretDigest();
        boolean equal = SecretDigest.matches(expected, decoding.apply(secret));
        return registered != null && equal ? Optional.of(registered.client()) : Optional.empty();
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
