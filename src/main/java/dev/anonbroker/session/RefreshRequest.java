package dev.anonbroker.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /anon-session/refresh}, as JSON or as a form.
 *
 * @param refreshToken the session's current refresh token
 */
@Serdeable
@Schema(name = "RefreshRequest", description = "The session's current refresh token; it is spent by this call")
record RefreshRequest(
        @Nullable @JsonProperty("refresh_token") @Schema(name = "refresh_token", requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The refresh_token of the last /anon-session, /exchange or /refresh answer") String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[refreshToken=<hidden>]";
    }
}
