package dev.anonbroker.cookie;

import dev.anonbroker.dpop.DpopBinding;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two cookies of cookie mode: the access cookie (the broker token, {@code Path=/}, for the site's backend on the
 * same origin) and the refresh cookie (the refresh token, only on the broker's session paths). Both are {@code Secure},
 * {@code HttpOnly} (no page script reads them, so an XSS cannot copy a token) and {@code SameSite=Strict} (no other
 * site's page makes the browser send them). Neither has a {@code Domain}: host-only, as {@code __Host-} demands.
 *
 * <p>Reading returns every value of a name the {@code Cookie} header carries, in order: a sibling subdomain can toss a
 * second {@code __Secure-} cookie of the same name onto the site, and the caller decides what two values mean.
 */
@Singleton
public final class SessionCookies {

    private final SessionCookieConfiguration configuration;

    SessionCookies(SessionCookieConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Whether cookie mode is on ({@code broker.cookie.enabled}). */
    public boolean enabled() {
        return configuration.enabled();
    }

    /** Sets both cookies, each living as long as the token it carries. */
    public void issue(MutableHttpResponse<?> response, SessionCookieValues values) {
        response.cookie(access(values.accessToken(), values.accessMaxAgeSeconds()));
        response.cookie(refresh(values.refreshToken(), values.refreshMaxAgeSeconds()));
    }

    /** Tells the browser to drop both cookies: same names, paths and attributes, empty, {@code Max-Age=0}. */
    public void clear(MutableHttpResponse<?> response) {
        response.cookie(access("", 0));
        response.cookie(refresh("", 0));
    }

    /**
     * The value of the request's refresh cookie, if it has one.
     *
     * @throws ProblemException 400 when it has more than one: a sibling subdomain may have planted one, and guessing
     *                          which is the visitor's could spend the wrong session's token
     */
    public Optional<String> refreshToken(HttpRequest<?> request) {
        List<String> values = refreshTokens(request);
        if (values.size() > 1) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request carries more than one refresh "
                    + "cookie; end the session with POST /anon-session/end and start a new one.");
        }
        return values.stream().findFirst();
    }

    /**
     * Refuses a DPoP proof in cookie mode rather than ignoring it, so that a client never believes it holds a bound
     * token: cookie mode does not bind tokens to keys.
     *
     * @throws ProblemException 400 in cookie mode when the request carries a {@code DPoP} header
     */
    public void refuseDpopProof(HttpRequest<?> request) {
        if (enabled() && request.getHeaders().contains(DpopBinding.HEADER)) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "This broker runs in cookie mode: its tokens "
                    + "travel in HttpOnly cookies and are not bound to DPoP keys. Send no DPoP header.");
        }
    }

    /** Every value of the refresh cookie in the request's {@code Cookie} headers. */
    public List<String> refreshTokens(HttpRequest<?> request) {
        return valuesOf(request, configuration.refreshName());
    }

    /** Every value of the access cookie in the request's {@code Cookie} headers. */
    public List<String> accessTokens(HttpRequest<?> request) {
        return valuesOf(request, configuration.accessName());
    }

    private Cookie access(String value, long maxAgeSeconds) {
        return strict(Cookie.of(configuration.accessName(), value).path("/"), maxAgeSeconds);
    }

    private Cookie refresh(String value, long maxAgeSeconds) {
        return strict(Cookie.of(configuration.refreshName(), value).path(configuration.refreshPath()), maxAgeSeconds);
    }

    private static Cookie strict(Cookie cookie, long maxAgeSeconds) {
        return cookie.secure(true).httpOnly(true).sameSite(SameSite.Strict).maxAge(Math.max(0, maxAgeSeconds));
    }

    /** RFC 6265 section 5.4: {@code name=value} pairs separated by {@code ;}; a value may be quoted. */
    private static List<String> valuesOf(HttpRequest<?> request, String name) {
        List<String> values = new ArrayList<>();
        for (String header : request.getHeaders().getAll(HttpHeaders.COOKIE)) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                    values.add(unquote(pair.substring(equals + 1).trim()));
                }
            }
        }
        return values;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
