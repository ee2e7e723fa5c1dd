package dev.anonbroker.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of every successful token response ({@code /anon-session}, {@code /exchange}, {@code /refresh}).
 *
 * @param accessToken  the broker token (RFC 9068 JWT)
 * @param tokenType    {@code Bearer}, or {@code DPoP} for a token bound to the key of the request's DPoP proof
 * @param expiresIn    seconds until the token expires
 * @param sessionId    the session's {@code sid}
 * @param refreshToken the session's next refresh token, spent by {@code POST /anon-session/refresh}
 */
@Serdeable
@Schema(description = "A short-lived broker token for the backend, and the refresh token for the next one")
public record AnonSessionResponse(
        @JsonProperty("access_token") @Schema(description = "Broker token: send it to the backend as 'Authorization: Bearer <token>'") String accessToken,
        @JsonProperty("token_type") @Schema(description = "Bearer; DPoP when the request carried a DPoP proof: the token is then bound to its key (cnf.jkt) and is sent as 'Authorization: DPoP <token>' with a proof", allowableValues = {"Bearer", "DPoP"}, example = "Bearer") String tokenType,
        @JsonProperty("expires_in") @Schema(description = "Seconds until the token expires", example = "600") long expiresIn,
        @JsonProperty("session_id") @Schema(description = "The session's sid claim") String sessionId,
        @JsonProperty("refresh_token") @Schema(description = "Opaque, single use: present it to POST /anon-session/refresh for the next token; keep it from the backend") String refreshToken) {

    /** Never prints a token. */
    @Override
    public String toString() {
        return "AnonSessionResponse[sessionId=" + sessionId + ", expiresIn=" + expiresIn + "]";
    }
}
