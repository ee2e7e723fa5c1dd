package dev.anonbroker.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Optional body of {@code POST /anon-session} and {@code /exchange}, as JSON or as a form.
 *
 * @param audience     one of {@code broker.audiences}; absent means the first
 * @param altcha       the ALTCHA widget's payload, when the broker asks for proof of work
 * @param captchaToken the captcha widget's token, when the broker asks for a captcha
 */
@Serdeable
@Schema(name = "AnonSessionRequest", description = "Optional: the audience, and the proofs the broker's gates ask for "
        + "(see GET /anon-session/requirements)")
public record AnonSessionRequest(
        @Nullable @Schema(description = "One of the broker's configured audiences; default: the first", example = "backend") String audience,
        @Nullable @Schema(description = "The ALTCHA widget's base64 payload: a solved GET /anon-session/challenge") String altcha,
        @Nullable @JsonProperty("captcha_token") @Schema(name = "captcha_token", description = "The captcha widget's token (Turnstile or hCaptcha)") String captchaToken) {

    static final AnonSessionRequest EMPTY = new AnonSessionRequest(null, null, null);
}
