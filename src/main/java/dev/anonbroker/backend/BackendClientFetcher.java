package dev.anonbroker.backend;

import dev.anonbroker.credential.AuthorizationHeader;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.Authenticator;
import io.micronaut.security.authentication.UsernamePasswordCredentials;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads HTTP Basic credentials (RFC 7617) and has micronaut-security's {@link Authenticator} check them, which
 * asks {@link BackendClients}. It replaces the framework's {@code BasicAuthAuthenticationFetcher}
 * ({@code micronaut.security.basic-auth.enabled} is off), which matches the scheme name case-sensitively (RFC 9110
 * section 11.1 says it is case-insensitive, and the broker always accepted {@code basic}) and logs credentials it
 * cannot Base64-decode at DEBUG, e.g. an unencoded {@code id:secret}.
 */
@Singleton
final class BackendClientFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private static final String SCHEME = "Basic";

    private final Authenticator<HttpRequest<?>> authenticator;

    BackendClientFetcher(Authenticator<HttpRequest<?>> authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        return Mono.justOrEmpty(AuthorizationHeader.credentials(authorization, SCHEME))
                .flatMap(basic -> Mono.justOrEmpty(idAndSecret(basic)))
                .flatMap(credentials -> Mono.from(authenticator.authenticate(request, credentials)))
                .filter(AuthenticationResponse::isAuthenticated)
                .flatMap(response -> Mono.justOrEmpty(response.getAuthentication()));
    }

    /** Empty unless Base64 of {@code id:secret} with a non-empty id. */
    private static Optional<UsernamePasswordCredentials> idAndSecret(String basic) {
        try {
            String decoded = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty() : Optional.of(
                    new UsernamePasswordCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
