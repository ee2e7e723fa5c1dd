package dev.anonbroker.backend;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The form body of {@code POST /introspect} (RFC 7662) and {@code POST /revoke} (RFC 7009), read by
 * {@link TokenFormReader}.
 *
 * @param token         the broker token, or null when the body has none
 * @param tokenTypeHint ignored: only broker access tokens exist
 */
@Serdeable
@Schema(description = "application/x-www-form-urlencoded, UTF-8; each parameter at most once")
record TokenForm(
        @Nullable @Schema(description = "The broker token") String token,
        @JsonProperty("token_type_hint") @Nullable @Schema(description = "Ignored: only broker access tokens exist") String tokenTypeHint) {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "TokenForm[token=" + (token == null ? "absent" : "present") + "]";
    }
}
