package dev.anonbroker.gate;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * The Origin allow-list and CORS for the session endpoints and {@code /revoke}, in one place so the two can never
 * disagree. Preflights are answered here; at the session endpoints a disallowed origin gets 403 before any GoTrue user
 * is created. {@code /revoke} gets the same CORS, so that a frontend can end its own session, but no origin check of
 * its own: backend clients call it without an {@code Origin}. A {@code GET} without {@code Origin} passes (browsers
 * send none on same-origin GETs, and no GET mints). CORS never allows credentials: cross-origin, broker tokens travel
 * in the Authorization header; cookie mode ({@code broker.cookie}) works only where the site reaches the broker on its
 * own origin, which needs no CORS.
 */
@ServerFilter(patterns = {"/anon-session", "/anon-session/**", OriginFilter.REVOKE_PATH})
final class OriginFilter implements Ordered {

    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, DPoP";
    static final String MAX_AGE_SECONDS = "600";
    /** What a refusal tells the browser client: when to try again, and the limit it met. */
    static final String EXPOSED_HEADERS = "Retry-After, RateLimit, RateLimit-Policy";

    static final String GATE = "origin";
    static final String REVOKE_PATH = "/revoke";

    private final OriginPolicy policy;
    private final GateDecisions decisions;

    OriginFilter(OriginPolicy policy, GateDecisions decisions) {
        this.policy = policy;
        this.decisions = decisions;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> checkOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (REVOKE_PATH.equals(request.getPath())) {
            return revocationCors(request, origin);
        }
        if (!policy.allowsAny()) {
            if (origin == null && request.getMethod() == HttpMethod.GET) {
                return null; // browsers send no Origin on same-origin GETs (a site proxying the broker); GETs mint nothing
            }
            if (origin == null) {
                decisions.refused(GATE);
                throw new ProblemException(ProblemType.ORIGIN_NOT_ALLOWED,
                        "This broker only serves browsers on its allowed origins, and the request has no Origin header.");
            }
            if (!policy.matches(origin)) {
                decisions.refused(GATE);
                throw new ProblemException(ProblemType.ORIGIN_NOT_ALLOWED,
                        "The origin " + origin + " is not in broker.allowed-origins.");
            }
            decisions.admitted(GATE);
            VerifiedOrigin.set(request, origin);
        }
        if (isPreflight(request)) {
            return corsHeaders(HttpResponse.noContent(), origin);
        }
        return null;
    }

    /** CORS only: an allowed origin is remembered for the response headers; a preflight of another is refused. */
    @Nullable
    private HttpResponse<?> revocationCors(HttpRequest<?> request, @Nullable String origin) {
        boolean allowed = policy.allows(origin);
        if (allowed && !policy.allowsAny()) {
            VerifiedOrigin.set(request, origin);
        }
        if (!isPreflight(request)) {
            return null;
        }
        if (!allowed) {
            throw new ProblemException(ProblemType.ORIGIN_NOT_ALLOWED,
                    "The origin " + origin + " is not in broker.allowed-origins.");
        }
        return corsHeaders(HttpResponse.noContent(), origin);
    }

    @ResponseFilter
    void addCorsHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin != null && !isPreflight(request) && (policy.allowsAny() || VerifiedOrigin.of(request).isPresent())) {
            corsHeaders(response, origin);
        }
    }

    private static boolean isPreflight(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.OPTIONS
                && request.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
    }

    private static MutableHttpResponse<?> corsHeaders(MutableHttpResponse<?> response, String origin) {
        if (origin != null) {
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            response.header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
            response.header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        response.header(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        return response;
    }

    /** Runs before security so that rejected origins cost nothing. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
