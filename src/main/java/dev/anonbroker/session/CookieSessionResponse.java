package dev.anonbroker.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of every successful token response in cookie mode ({@code broker.cookie.enabled}): the tokens went into
 * {@code HttpOnly} cookies, so the body names none, and a script that calls the endpoint (an XSS too) reads no token.
 *
 * @param tokenType always {@code cookie}
 * @param expiresIn seconds until the broker token in the access cookie expires
 * @param sessionId the session's {@code sid}
 */
@Serdeable
@Schema(description = "Cookie mode (broker.cookie.enabled): the broker token and the "
        + "refresh token were set as HttpOnly cookies; the body carries neither")
public record CookieSessionResponse(
        @JsonProperty("token_type") @Schema(description = "Always 'cookie': the token travels in the access cookie", allowableValues = {"cookie"}, example = "cookie") String tokenType,
        @JsonProperty("expires_in") @Schema(description = "Seconds until the token in the access cookie expires; refresh before", example = "600") long expiresIn,
        @JsonProperty("session_id") @Schema(description = "The session's sid claim") String sessionId) {
}
