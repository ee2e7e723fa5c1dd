package example.backend;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the broker token from the cookie {@code anon-broker.cookie-name} (the broker's cookie mode sets
 * {@code __Host-anon-broker}) when the request has no {@code Authorization} header; off while the name is unset. A
 * request with the cookie twice gets no token from it. {@link CookieOriginFilter} refuses such requests with unsafe
 * methods from other origins, and {@link DpopProofValidator} refuses a DPoP-bound token from a cookie.
 */
@Singleton
class BrokerCookieTokenReader implements TokenReader<HttpRequest<?>> {

    private final String cookieName;

    BrokerCookieTokenReader(@Value("${anon-broker.cookie-name:}") String cookieName) {
        this.cookieName = cookieName.trim();
    }

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (cookieName.isEmpty() || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return Optional.empty();
        }
        String prefix = cookieName + "=";
        List<String> values = request.getHeaders().getAll(HttpHeaders.COOKIE).stream()
                .flatMap(header -> Arrays.stream(header.split(";")))
                .map(String::trim)
                .filter(pair -> pair.startsWith(prefix))
                .map(pair -> pair.substring(prefix.length()))
                .toList();
        return values.size() == 1 && !values.get(0).isEmpty() ? Optional.of(values.get(0)) : Optional.empty();
    }
}
