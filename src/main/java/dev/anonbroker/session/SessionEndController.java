package dev.anonbroker.session;

import dev.anonbroker.cookie.SessionCookieConfiguration;
import dev.anonbroker.cookie.SessionCookies;
import dev.anonbroker.gate.GatePolicy;
import dev.anonbroker.gate.GateRequest;
import dev.anonbroker.gate.GatedEndpoint;
import dev.anonbroker.problem.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /anon-session/end}, cookie mode only (without it the path does not exist: 404). The credential is the
 * cookies themselves, so, like refresh, it answers only requests whose {@code Origin} is allowed (the gate's filter
 * covers {@code /anon-session/**}; cookie mode cannot start without an allow-list): another site cannot end a visitor's
 * session. It counts against the refresh rate limits, since each call may cost a signature check. Anonymous for
 * micronaut-security.
 */
@Controller("/anon-session")
@Requires(property = SessionCookieConfiguration.PREFIX + ".enabled", value = "true")
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_FORM_URLENCODED})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "sessions")
final class SessionEndController {

    private final SessionEnder ender;
    private final SessionCookies cookies;
    private final GatePolicy gates;

    SessionEndController(SessionEnder ender, SessionCookies cookies, GatePolicy gates) {
        this.ender = ender;
        this.cookies = cookies;
        this.gates = gates;
    }

    @Post("/end")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "End a cookie-mode session",
            description = "Cookie mode only (broker.cookie.enabled). Revokes the session of the refresh cookie and of "
                    + "the access cookie (their tokens turn inactive at introspection; refresh refuses them) and clears "
                    + "both cookies (Max-Age=0). Without cookies, or with ones that name no live session, it only "
                    + "clears them: ending twice is not an error.")
    @ApiResponse(responseCode = "204", description = "Session ended (if there was one); both cookies cleared",
            headers = @Header(name = HttpHeaders.SET_COOKIE, description = "Both cookies, empty, with Max-Age=0 and the "
                    + "paths and attributes they were set with", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "403", description = "Origin missing or not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "Rate limited (ending counts against the refresh limits); see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "Cookie mode is off", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "Too many ended sessions remembered; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<Void> end(HttpRequest<?> request) {
        gates.admit(new GateRequest(request, GatedEndpoint.REFRESH, null, null));
        ender.end(cookies.refreshTokens(request), cookies.accessTokens(request));
        MutableHttpResponse<Void> response = TokenResponses.noStore(HttpResponse.noContent());
        cookies.clear(response);
        return response;
    }
}
