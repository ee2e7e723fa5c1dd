package dev.anonbroker.gate;

import dev.anonbroker.gate.captcha.CaptchaConfiguration;
import dev.anonbroker.gate.netlify.NetlifyConfiguration;
import dev.anonbroker.gate.pow.ProofOfWorkConfiguration;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Locale;

/**
 * {@code GET /anon-session/requirements}: the proofs the gates want, read from the same settings the gates use.
 */
@Controller("/anon-session")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "sessions")
final class RequirementsController {

    static final String ALTCHA_V1 = "altcha-v1";
    static final String CHALLENGE_REFERENCE = "challenge";
    static final String ALTCHA_FIELD = "altcha";
    static final String CAPTCHA_FIELD = "captcha_token";

    private final GateRequirements requirements;

    RequirementsController(NetlifyConfiguration netlify, ProofOfWorkConfiguration proofOfWork,
                           CaptchaConfiguration captcha) {
        this.requirements = new GateRequirements(netlify.signedProxyEnabled(),
                proofOfWork.enabled() ? new GateRequirements.ProofOfWork(ALTCHA_V1, CHALLENGE_REFERENCE, ALTCHA_FIELD) : null,
                captcha.enabled() ? new GateRequirements.Captcha(captcha.provider().name().toLowerCase(Locale.ROOT),
                        captcha.siteKey(), CAPTCHA_FIELD) : null);
    }

    @Get(uri = "/requirements", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "What a mint request must carry",
            description = "Which proofs POST /anon-session and /anon-session/exchange require: proof of work (an "
                    + "ALTCHA challenge), a captcha token, and whether requests must pass Netlify's signed proxy.")
    @ApiResponse(responseCode = "200", description = "The requirements",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GateRequirements.class)))
    HttpResponse<GateRequirements> requirements() {
        return HttpResponse.ok(requirements).header(HttpHeaders.CACHE_CONTROL, "public, max-age=60");
    }
}
