package dev.anonbroker.gotrue;

import java.time.Instant;
import java.util.Map;

/**
 * A GoTrue user as the broker needs it (src/main/docs/guide/gotrue-compatibility.md section 2.11), in both flavors.
 *
 * @param id           the user's UUID
 * @param aud          the audience the user belongs to (may be empty)
 * @param email        the email, empty for supabase anonymous users
 * @param anonymous    true only for supabase anonymous users
 * @param confirmed    whether the email is confirmed (netlify {@code confirmed_at}, supabase {@code email_confirmed_at})
 * @param createdAt    creation time
 * @param userMetadata {@code user_metadata}, never null (empty when GoTrue sent null)
 */
public record GoTrueUser(
        String id,
        String aud,
        String email,
        boolean anonymous,
        boolean confirmed,
        Instant createdAt,
        Map<String, Object> userMetadata) {

    public GoTrueUser {
        aud = aud == null ? "" : aud;
        email = email == null ? "" : email;
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }
}
