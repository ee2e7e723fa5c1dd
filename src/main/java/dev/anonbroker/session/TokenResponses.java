package dev.anonbroker.session;

import dev.anonbroker.cookie.SessionCookieValues;
import dev.anonbroker.cookie.SessionCookies;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/**
 * Renders a successful mint or refresh, never cacheable: the tokens in the body, or, in cookie mode, in the two
 * cookies with a body that names neither.
 */
@Singleton
final class TokenResponses {

    /** {@code token_type} of cookie mode: the token is in the access cookie. */
    static final String COOKIE_TOKEN_TYPE = "cookie";

    private final SessionCookies cookies;

    TokenResponses(SessionCookies cookies) {
        this.cookies = cookies;
    }

    MutableHttpResponse<?> render(IssuedTokens issued) {
        if (!cookies.enabled()) {
            return noStore(HttpResponse.ok(new AnonSessionResponse(issued.accessToken(), issued.tokenType(),
                    issued.expiresIn(), issued.sessionId(), issued.refreshToken())));
        }
        MutableHttpResponse<CookieSessionResponse> response = noStore(HttpResponse.ok(
                new CookieSessionResponse(COOKIE_TOKEN_TYPE, issued.expiresIn(), issued.sessionId())));
        cookies.issue(response, new SessionCookieValues(issued.accessToken(), issued.expiresIn(),
                issued.refreshToken(), issued.refreshExpiresIn()));
        return response;
    }

    static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").header(HttpHeaders.PRAGMA, "no-cache");
    }
}
