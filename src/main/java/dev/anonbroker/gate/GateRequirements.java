package dev.anonbroker.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /anon-session/requirements}: which proofs this broker wants in a mint request, so that a client needs
 * no configuration of its own to match the broker. A gate that is off is {@code null}.
 *
 * @param signedProxy whether mint requests must come through Netlify's signed proxy (the browser cannot add
 *                    the signature; this tells a client to call the site's proxied path instead of the broker)
 * @param proofOfWork the ALTCHA challenge to solve, or null
 * @param captcha     the captcha widget to render, or null
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "GateRequirements", description = "The proofs POST /anon-session and /anon-session/exchange require")
public record GateRequirements(
        @JsonProperty("signed_proxy") @Schema(name = "signed_proxy", description = "Mint requests must pass Netlify's signed proxy") boolean signedProxy,
        @JsonProperty("proof_of_work") @Schema(name = "proof_of_work", nullable = true) @Nullable ProofOfWork proofOfWork,
        @Schema(nullable = true) @Nullable Captcha captcha) {

    /**
     * @param protocol     {@code altcha-v1}: the challenge the stock ALTCHA widget solves
     * @param challengeUrl where to fetch a challenge, relative to this document's URL (RFC 3986 reference), so that
     *                     it also works behind a proxy that serves the broker under a prefix
     * @param field        the body field (JSON or form) that carries the widget's payload
     */
    @Serdeable
    @Schema(name = "ProofOfWorkRequirement")
    public record ProofOfWork(String protocol,
                              @JsonProperty("challenge_url") @Schema(name = "challenge_url") String challengeUrl,
                              String field) {
    }

    /**
     * @param provider {@code turnstile} or {@code hcaptcha}
     * @param siteKey  the widget's public site key, when the operator published it
     * @param field    the JSON body field that carries the widget's token
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "CaptchaRequirement")
    public record Captcha(String provider,
                          @JsonProperty("site_key") @Schema(name = "site_key", nullable = true) @Nullable String siteKey,
                          String field) {
    }
}
