package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Supabase's password and email rules (src/main/docs/guide/gotrue-compatibility.md section 2.4, {@code password.go},
 * {@code mail.go}). */
final class SupabasePasswords {

    static final int MIN_LENGTH = 6;
    private static final Pattern EMAIL = Pattern.compile("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9]"
            + "(?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");

    private SupabasePasswords() {
    }

    /** Length rules only: over 72 bytes is 400, under 6 is 422 {@code weak_password} with its reasons. */
    static void checkStrength(String password) {
        int length = password.getBytes(StandardCharsets.UTF_8).length;
        if (length > PasswordHasher.MAX_BYTES) {
            throw ApiError.of(400, "validation_failed", "Password cannot be longer than 72 characters");
        }
        if (length < MIN_LENGTH) {
            ObjectNode extra = Json.object();
            extra.putObject("weak_password").putArray("reasons").add("length");
            throw ApiError.withExtra(422, "weak_password",
                    "Password should be at least " + MIN_LENGTH + " characters.", extra);
        }
    }

    /** The email, lower-cased, or a 400 {@code validation_failed}. */
    static String validEmail(String email) {
        if (email.length() > 255) {
            throw ApiError.of(400, "validation_failed", "An email address is too long");
        }
        if (!EMAIL.matcher(email).matches()) {
            throw ApiError.of(400, "validation_failed", "Unable to validate email address: invalid format");
        }
        return email.toLowerCase(java.util.Locale.ROOT);
    }
}
