package example.backend;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * CSRF for the broker cookie: a request that carries its token in the cookie ({@link BrokerCookieTokenReader}) with
 * a method other than GET, HEAD and OPTIONS must name an {@code Origin} listed in {@code anon-broker.allowed-origins},
 * else it gets 403 before authentication runs. A browser sends the cookie with cross-site requests it may not read
 * the answer of, and only the {@code Origin} header tells them apart; a request without one is refused too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class CookieOriginFilter implements Ordered {

    /** RFC 9110 section 9.2.1. */
    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final BrokerCookieTokenReader cookie;
    private final Set<String> allowedOrigins;

    CookieOriginFilter(BrokerCookieTokenReader cookie,
                       @Value("${anon-broker.allowed-origins:}") String allowedOrigins) {
        this.cookie = cookie;
        this.allowedOrigins = Set.copyOf(Arrays.stream(allowedOrigins.split(",")).map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .map(origin -> origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin).toList());
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseCrossSiteCookieRequests(HttpRequest<?> request) {
        if (SAFE_METHODS.contains(request.getMethod()) || cookie.findToken(request).isEmpty()) {
            return null;
        }
        String origin = request.getHeaders().getOrigin().orElse(null);
        if (origin != null && allowedOrigins.contains(origin)) {
            return null;
        }
        return HttpResponse.status(HttpStatus.FORBIDDEN).body(Map.of("message",
                "Forbidden: a request with the broker cookie and this method needs an allowed Origin"));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
