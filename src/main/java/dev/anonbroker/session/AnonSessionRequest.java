package dev.anonbroker.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Optional body of {@code POST /anon-session} and {@code /exchange}.
 *
 * @param audience one of {@code broker.audiences}; absent means the first
 */
@Serdeable
@Schema(name = "AnonSessionRequest", description = "Optional: which backend audience the token is for")
public record AnonSessionRequest(
        @Nullable @Schema(description = "One of the broker's configured audiences; default: the first", example = "backend") String audience) {
}
