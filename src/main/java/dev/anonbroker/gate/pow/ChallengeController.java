package dev.anonbroker.gate.pow;

import dev.anonbroker.problem.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * {@code GET /anon-session/challenge}: an ALTCHA v1 challenge for the widget's {@code challengeurl}. Exists only
 * when {@code broker.pow.enabled} is true; otherwise the path answers 404 {@code not-found}. It sits under
 * {@code /anon-session}, so the origin gate and CORS apply as for the session endpoints. Cheap and stateless, so it
 * runs on the event loop.
 */
@Controller("/anon-session/challenge")
@Requires(property = ProofOfWorkConfiguration.PREFIX + ".enabled", value = StringUtils.TRUE)
final class ChallengeController {

    private final ChallengeIssuer issuer;

    ChallengeController(ChallengeIssuer issuer) {
        this.issuer = issuer;
    }

    @Get
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(tags = "sessions", summary = "A proof-of-work challenge",
            description = "An ALTCHA v1 challenge, when broker.pow.enabled is true. Solve it (the stock ALTCHA widget "
                    + "does) and send the base64 payload in the altcha field of POST /anon-session or /exchange; each "
                    + "solution mints once, before the salt's expires.")
    @ApiResponse(responseCode = "200", description = "A challenge; never cache it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AltchaChallenge.class)))
    HttpResponse<AltchaChallenge> challenge() {
        return HttpResponse.ok(issuer.issue()).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
