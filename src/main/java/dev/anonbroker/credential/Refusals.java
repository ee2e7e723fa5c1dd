package dev.anonbroker.credential;

import dev.anonbroker.credential.InvalidTokenException.Reason;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.web.router.RouteAttributes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The problem for a request micronaut-security refused, chosen by the roles the route's {@code @Secured} accepts, so
 * each endpoint answers with the challenge of the credential it takes (RFC 9110 section 11.6.1): Basic for backend
 * clients, Bearer for session holders (with the broker verifier's reason, RFC 6750 section 3.1), the operator realm
 * at {@code /sweep}. Every refusal is a 401, also for a caller that authenticated as someone the route does not
 * accept: a backend client's credential is no session, and a session is no backend client.
 */
final class Refusals {

    static final String BASIC_CHALLENGE = "Basic realm=\"anon-broker\"";
    private static final String BASIC = "Basic";
    private static final String OPERATOR_CHALLENGE = "Bearer realm=\"anon-broker operator\"";

    private Refusals() {
    }

    /** Empty for a route that names none of the broker's {@link Roles}. */
    static Optional<ProblemException> of(HttpRequest<?> request) {
        List<String> accepted = acceptedRoles(request);
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        boolean client = accepted.contains(Roles.BACKEND_CLIENT);
        boolean holder = accepted.contains(Roles.SESSION_HOLDER);
        if (accepted.contains(Roles.OPERATOR)) {
            return Optional.of(operatorRefused(authorization));
        }
        if (client && holder) {
            return Optional.of(clientOrHolderRefused(request, authorization));
        }
        if (client) {
            return Optional.of(clientRefused());
        }
        return holder ? Optional.of(holderRefused(request, authorization)) : Optional.empty();
    }

    private static List<String> acceptedRoles(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request)
                .map(route -> List.of(route.getAnnotationMetadata().stringValues(Secured.class)))
                .orElse(List.of());
    }

    /** The same answer for a missing header, an unknown client id and a wrong secret: callers learn nothing more. */
    private static ProblemException clientRefused() {
        return new ProblemException(ProblemType.CLIENT_UNAUTHENTICATED, "This endpoint requires HTTP Basic "
                + "authentication of a backend client configured under broker.backend-clients.",
                Map.of(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE), null);
    }

    private static ProblemException clientOrHolderRefused(HttpRequest<?> request, String authorization) {
        if (AuthorizationHeader.credentials(authorization, BASIC).isPresent()) {
            return clientRefused();
        }
        if (AuthorizationHeader.credentials(authorization, BearerToken.SCHEME).isPresent()) {
            return brokerTokenRefused(request);
        }
        return new ProblemException(ProblemType.CLIENT_UNAUTHENTICATED, "This endpoint requires HTTP Basic "
                + "authentication of a backend client or 'Authorization: Bearer <broker token>' of the session.",
                Map.of(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE + ", " + BearerToken.SCHEME), null);
    }

    private static ProblemException holderRefused(HttpRequest<?> request, String authorization) {
        return BearerToken.problem(authorization, "broker token").orElseGet(() -> brokerTokenRefused(request));
    }

    /**
     * With the reason the broker token validator recorded; a token no validator looked at (blank) is malformed.
     */
    private static ProblemException brokerTokenRefused(HttpRequest<?> request) {
        InvalidTokenException refused = InvalidTokenException.recordedOn(request)
                .orElseGet(() -> new InvalidTokenException("broker token", Reason.MALFORMED));
        return ProblemException.invalidToken(ProblemType.INVALID_TOKEN, "Refused because " + refused.getMessage() + ".");
    }

    private static ProblemException operatorRefused(String authorization) {
        if (AuthorizationHeader.credentials(authorization, BearerToken.SCHEME).isEmpty()) {
            return new ProblemException(ProblemType.INVALID_TOKEN, "This endpoint requires "
                    + "'Authorization: Bearer <operator token>'.",
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, OPERATOR_CHALLENGE), null);
        }
        return new ProblemException(ProblemType.INVALID_TOKEN, "The operator token is not valid.",
                Map.of(HttpHeaders.WWW_AUTHENTICATE, OPERATOR_CHALLENGE + ", error=\"invalid_token\""), null);
    }
}
