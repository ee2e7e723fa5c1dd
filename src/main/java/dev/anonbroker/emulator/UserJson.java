package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** The user object of each flavor, fields in upstream order (src/main/docs/guide/gotrue-compatibility.md section 2.11).
 * */
final class UserJson {

    private final EmulatorFlavor flavor;

    UserJson(EmulatorFlavor flavor) {
        this.flavor = flavor;
    }

    /** The user with its associations (supabase {@code identities}). */
    ObjectNode render(StoredUser user) {
        return flavor == EmulatorFlavor.NETLIFY ? netlify(user) : supabase(user, true);
    }

    /** As listed by {@code GET /admin/users}: supabase loads no associations there, so {@code identities} is null. */
    ObjectNode listed(StoredUser user) {
        return flavor == EmulatorFlavor.NETLIFY ? netlify(user) : supabase(user, false);
    }

    private static ObjectNode netlify(StoredUser user) {
        synchronized (user) {
            ObjectNode node = Json.object().put("id", user.id).put("aud", user.aud).put("role", user.role)
                    .put("email", user.email);
            time(node, "confirmed_at", user.confirmedAt);
            time(node, "confirmation_sent_at", user.confirmationSentAt);
            time(node, "last_sign_in_at", user.lastSignInAt);
            node.set("app_metadata", user.appMetadata == null ? null : user.appMetadata.deepCopy());
            node.set("user_metadata", user.userMetadata == null ? null : user.userMetadata.deepCopy());
            node.put("created_at", Times.format(user.createdAt)).put("updated_at", Times.format(user.updatedAt));
            return node;
        }
    }

    private static ObjectNode supabase(StoredUser user, boolean withIdentities) {
        synchronized (user) {
            ObjectNode node = Json.object().put("id", user.id).put("aud", user.aud).put("role", user.role)
                    .put("email", user.email == null ? "" : user.email);
            time(node, "email_confirmed_at", user.confirmedAt);
            node.put("phone", "");
            time(node, "confirmation_sent_at", user.confirmationSentAt);
            time(node, "confirmed_at", user.confirmedAt);
            time(node, "last_sign_in_at", user.lastSignInAt);
            node.set("app_metadata", user.appMetadata == null ? Json.object() : user.appMetadata.deepCopy());
            node.set("user_metadata", user.userMetadata == null ? Json.object() : user.userMetadata.deepCopy());
            node.set("identities", withIdentities ? identities(user) : null);
            node.put("created_at", Times.format(user.createdAt)).put("updated_at", Times.format(user.updatedAt));
            time(node, "banned_until", user.bannedUntil);
            time(node, "deleted_at", user.deletedAt);
            return node.put("is_anonymous", user.anonymous);
        }
    }

    /** Email users have one {@code email} identity whose id is the user id; anonymous users have none. */
    private static com.fasterxml.jackson.databind.node.ArrayNode identities(StoredUser user) {
        var array = Json.MAPPER.createArrayNode();
        if (user.anonymous || user.email == null || user.email.isEmpty() || user.deletedAt != null) {
            return array;
        }
        ObjectNode data = Json.object().put("email", user.email).put("email_verified", user.confirmedAt != null)
                .put("phone_verified", false).put("sub", user.id);
        ObjectNode identity = array.addObject().put("identity_id", uuidFrom(user.id)).put("id", user.id)
                .put("user_id", user.id);
        identity.set("identity_data", data);
        identity.put("provider", "email");
        time(identity, "last_sign_in_at", user.lastSignInAt);
        identity.put("created_at", Times.format(user.createdAt)).put("updated_at", Times.format(user.updatedAt))
                .put("email", user.email);
        return array;
    }

    private static String uuidFrom(String id) {
        return java.util.UUID.nameUUIDFromBytes(("identity:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    private static void time(ObjectNode node, String field, Instant value) {
        if (value != null) {
            node.put(field, Times.format(value));
        }
    }
}
