package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * Supabase {@code DELETE /admin/users/{id}} (src/main/docs/guide/gotrue-compatibility.md section 2.12): an optional
 * JSON body {@code {"should_soft_delete": bool}}; hard delete by default. A soft delete keeps the row with
 * {@code deleted_at}, obfuscates the email, frees it for new signups and removes sessions; doing it again answers
 * {@code {}} again.
 */
final class SupabaseDeletion {

    private final EmulatorContext context;

    SupabaseDeletion(EmulatorContext context) {
        this.context = context;
    }

    Reply delete(Call call, StoredUser user) {
        ObjectNode params = call.body.length == 0 ? Json.object() : SupabaseRequests.body(call);
        if (!params.path("should_soft_delete").asBoolean(false)) {
            return AdminWrites.hardDelete(context, user);
        }
        context.users().releaseEmail(user);
        context.sessions().forgetUser(user.id);
        synchronized (user) {
            if (user.deletedAt == null) {
                user.deletedAt = context.now();
                user.email = obfuscate(user.id, user.email);
                user.passwordHash = null;
                user.updatedAt = user.deletedAt;
            }
        }
        return Reply.ok(Json.object());
    }

    /** Upstream {@code obfuscateValue}: URL-safe base64 of SHA-256 over id and value. */
    private static String obfuscate(String id, String value) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((id + (value == null ? "" : value)).getBytes(StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
