package dev.anonbroker.gotrue;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;

/**
 * The claims of a GoTrue access token whose HS256 signature and expiry have been checked.
 *
 * @param subject      {@code sub}: the GoTrue user id
 * @param email        {@code email}, when present
 * @param expiresAt    {@code exp}
 * @param anonymous    {@code is_anonymous} (supabase); false when absent
 * @param userMetadata {@code user_metadata}; empty when absent
 */
public record GoTrueAccessToken(String subject, @Nullable String email, Instant expiresAt, boolean anonymous,
                                Map<String, Object> userMetadata) {

    public GoTrueAccessToken {
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }
}
