package dev.anonbroker.credential;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Hands the credentials of {@code Authorization: Bearer} (RFC 6750 section 2.1) to micronaut-security's token
 * validators. It replaces the framework's {@code BearerTokenReader} ({@code micronaut.security.token.bearer.enabled}
 * is off) because that one logs the whole {@code Authorization} header at DEBUG when it is not a bearer, which would
 * put backend clients' Basic credentials in the log.
 */
@Singleton
final class AuthorizationBearerReader implements TokenReader<HttpRequest<?>> {

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return AuthorizationHeader.credentials(request.getHeaders().getAuthorization().orElse(null), BearerToken.SCHEME);
    }
}
