package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Building and changing supabase users: new email users, confirmation, and the sanitized fake user. */
final class SupabaseUsers {

    private SupabaseUsers() {
    }

    static StoredUser newEmailUser(EmulatorContext context, String email, String aud, JsonNode data) {
        StoredUser user = new StoredUser(Ids.newUuid(), context.users().nextSequence(), context.now(), false);
        user.aud = aud;
        user.email = email;
        user.role = context.defaultRole();
        user.appMetadata = emailAppMetadata();
        user.userMetadata = Json.objectCopy(data, Json.object());
        return user;
    }

    static ObjectNode emailAppMetadata() {
        ObjectNode metadata = Json.object().put("provider", "email");
        metadata.putArray("providers").add("email");
        return metadata;
    }

    /** Confirms the email; {@code user_metadata} gains {@code email_verified: true} as upstream {@code Confirm} does. */
    static void confirm(StoredUser user, Instant now) {
        synchronized (user) {
            if (user.confirmedAt == null) {
                user.confirmedAt = now;
                user.userMetadata = Json.merge(user.userMetadata, Json.object().put("email_verified", true));
                user.updatedAt = now;
            }
        }
    }

    static void signedIn(StoredUser user, Instant now) {
        synchronized (user) {
            user.lastSignInAt = now;
            user.updatedAt = now;
        }
    }

    /** A duplicate signup without autoconfirm: a user that does not exist (upstream {@code sanitizeUser}). */
    static ObjectNode fakeUser(EmulatorContext context, String email, String aud, JsonNode data) {
        Instant now = context.now();
        StoredUser fake = new StoredUser(Ids.newUuid(), 0, now, false);
        fake.aud = aud;
        fake.email = email;
        fake.role = "";
        fake.confirmationSentAt = now;
        fake.appMetadata = emailAppMetadata();
        fake.userMetadata = Json.objectCopy(data, null);
        ObjectNode node = context.userJson().render(fake);
        node.putArray("identities");
        return node;
    }
}
