package dev.anonbroker.session;

import dev.anonbroker.cookie.SessionCookies;
import dev.anonbroker.credential.BearerToken;
import dev.anonbroker.dpop.DpopBinding;
import dev.anonbroker.gate.GatePolicy;
import dev.anonbroker.gate.GateRequest;
import dev.anonbroker.gate.GatedEndpoint;
import dev.anonbroker.gate.VerifiedOrigin;
import dev.anonbroker.gate.Visitor;
import dev.anonbroker.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The frontend's endpoints. They block on GoTrue, so they run on the blocking executor, never on the event loop.
 */
@Controller("/anon-session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_FORM_URLENCODED})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "sessions", description = "Anonymous sessions for the frontend")
final class AnonSessionController {

    private static final String COOKIE_NOTE = "The session's tokens: in the body; in cookie mode "
            + "(broker.cookie.enabled) in two HttpOnly cookies (Set-Cookie), and the body names neither";
    private static final String SET_COOKIE_NOTE = "Cookie mode only: the access cookie (broker.cookie.access-name, "
            + "Path=/) with the broker token and the refresh cookie (broker.cookie.refresh-name, Path="
            + "broker.cookie.refresh-path) with the refresh token, both Secure; HttpOnly; SameSite=Strict; Max-Age=<lifetime>";
    private static final String DPOP_HEADER = "A DPoP proof (RFC 9449) for this request: the token is then bound to its "
            + "key (token_type DPoP, cnf.jkt). Required when broker.dpop.enabled, and on every refresh of a bound session.";

    private final AnonSessionService sessions;
    private final ExchangeService exchanges;
    private final SessionRefresher refresher;
    private final GatePolicy gates;
    private final DpopBinding dpop;
    private final TokenResponses responses;
    private final SessionCookies cookies;

    AnonSessionController(AnonSessionService sessions, ExchangeService exchanges, SessionRefresher refresher,
                          GatePolicy gates, DpopBinding dpop, TokenResponses responses, SessionCookies cookies) {
        this.sessions = sessions;
        this.exchanges = exchanges;
        this.refresher = refresher;
        this.gates = gates;
        this.dpop = dpop;
        this.responses = responses;
        this.cookies = cookies;
    }

    @Post
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Parameter(in = ParameterIn.HEADER, name = DpopBinding.HEADER, description = DPOP_HEADER, schema = @Schema(type = "string"))
    @Operation(summary = "Start an anonymous session",
            description = "Creates a throwaway GoTrue user, verifies its access token, returns a broker token and "
                    + "queues the user for deletion.")
    @ApiResponse(responseCode = "200", description = COOKIE_NOTE, headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.SET_COOKIE, description = SET_COOKIE_NOTE, schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {AnonSessionResponse.class, CookieSessionResponse.class})))
    @ApiResponse(responseCode = "400", description = "Malformed body or unknown audience, or a DPoP proof in cookie mode", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "Refused by a gate (origin, signed proxy, proof of work, captcha), or a missing or invalid DPoP proof", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "Rate limited (by the broker or by GoTrue); see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "GoTrue or the captcha provider unreachable, too slow or failing, the mint budget spent, or GoTrue not set up for the mode; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> create(HttpRequest<?> request, @Nullable @Body AnonSessionRequest body) {
        return responses.render(sessions.start(admit(request, GatedEndpoint.ANON_SESSION, body)));
    }

    /** Anonymous for micronaut-security: the bearer is a GoTrue token, checked by {@link GoTrueAccessCheck}. */
    @Post("/exchange")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Parameter(in = ParameterIn.HEADER, name = DpopBinding.HEADER, description = DPOP_HEADER, schema = @Schema(type = "string"))
    @Operation(summary = "Exchange a throwaway user's GoTrue access token",
            description = "For frontends that sign up the throwaway user themselves (e.g. with gotrue-js). Each GoTrue "
                    + "token can be exchanged once; the user must carry the broker's marker and is deleted afterwards.")
    @SecurityRequirement(name = "gotrueBearer")
    @ApiResponse(responseCode = "200", description = COOKIE_NOTE, headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.SET_COOKIE, description = SET_COOKIE_NOTE, schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {AnonSessionResponse.class, CookieSessionResponse.class})))
    @ApiResponse(responseCode = "401", description = "Missing, invalid, expired or already exchanged GoTrue token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "Refused by a gate (origin, signed proxy, proof of work, captcha), a missing or invalid DPoP proof, or the user is not a throwaway user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "Rate limited; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "GoTrue or the captcha provider unreachable or failing, or the mint budget spent; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> exchange(HttpRequest<?> request,
                                               @Parameter(hidden = true) @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                               @Nullable @Body AnonSessionRequest body) {
        SessionRequest admitted = admit(request, GatedEndpoint.EXCHANGE, body);
        String gotrueToken = BearerToken.from(authorization, "GoTrue access token");
        return responses.render(exchanges.exchange(gotrueToken, admitted));
    }

    /**
     * Anonymous for micronaut-security: the credential is the refresh token in the body (in cookie mode, when the body
     * has none, in the refresh cookie); a bearer is ignored.
     */
    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Parameter(in = ParameterIn.HEADER, name = DpopBinding.HEADER, description = DPOP_HEADER, schema = @Schema(type = "string"))
    @Operation(summary = "Refresh a broker token",
            description = "Spends the session's refresh token for the next broker token of the same session (sid) and "
                    + "a new refresh token, until the session's maximum age. A spent refresh token presented again ends "
                    + "the session. An access token does not refresh.")
    @ApiResponse(responseCode = "200", description = COOKIE_NOTE, headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.SET_COOKIE, description = SET_COOKIE_NOTE, schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {AnonSessionResponse.class, CookieSessionResponse.class})))
    @ApiResponse(responseCode = "400", description = "No refresh_token in the body (nor, in cookie mode, a refresh cookie), more than one refresh cookie, or a DPoP proof in cookie mode", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "Unknown or spent refresh token (a spent one ends the session), revoked session, or the session ended", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "Origin not allowed, or not the origin the session began on; a missing or invalid DPoP proof, or one by another key than the session's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "Rate limited; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> refresh(HttpRequest<?> request, @Nullable @Body RefreshRequest body) {
        SessionRequest admitted = admit(request, GatedEndpoint.REFRESH, null);
        return responses.render(refresher.refresh(refreshTokenOf(request, body), admitted));
    }

    /** Every enabled gate, then the DPoP proof, before anything touches GoTrue or mints. */
    private SessionRequest admit(HttpRequest<?> request, GatedEndpoint endpoint, AnonSessionRequest body) {
        AnonSessionRequest presented = body == null ? AnonSessionRequest.EMPTY : body;
        Visitor visitor = gates.admit(new GateRequest(request, endpoint, presented.altcha(), presented.captchaToken()));
        cookies.refuseDpopProof(request);
        String path = endpoint == GatedEndpoint.ANON_SESSION ? "/anon-session" : "/anon-session/" + endpoint.label();
        String dpopKey = endpoint.mints() ? dpop.keyOfNewSession(request, path) : dpop.presentedKey(request, path);
        return new SessionRequest(visitor.ip(), VerifiedOrigin.of(request).orElse(null), presented.audience(), dpopKey);
    }

    /** The body's refresh token; in cookie mode, when the body has none, the refresh cookie's. */
    @Nullable
    private String refreshTokenOf(HttpRequest<?> request, @Nullable RefreshRequest body) {
        String fromBody = body == null ? null : body.refreshToken();
        if ((fromBody != null && !fromBody.isBlank()) || !cookies.enabled()) {
            return fromBody;
        }
        return cookies.refreshToken(request).orElse(null);
    }
}
