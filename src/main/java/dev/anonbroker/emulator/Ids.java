package dev.anonbroker.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

/** UUIDs, random tokens and their shapes. */
final class Ids {

    static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";
    private static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Ids() {
    }

    static String newUuid() {
        return UUID.randomUUID().toString();
    }

    /** Whether {@code text} parses as a UUID, in the forms Go's uuid parsers accept most often. */
    static boolean isUuid(String text) {
        return text != null && UUID_TEXT.matcher(text).matches();
    }

    /** The canonical lower-case form of a UUID accepted by {@link #isUuid}. */
    static String canonical(String uuid) {
        String hex = uuid.replace("-", "").toLowerCase(java.util.Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** 16 random bytes, URL-safe base64 without padding: 22 characters (netlify refresh tokens). */
    static String base64Token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-case base32 characters {@code [a-z2-7]} (supabase legacy refresh tokens are 12 of them). */
    static String base32Token(int length) {
        StringBuilder builder = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            builder.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        return builder.toString();
    }

    /** A random secret of 32 bytes, URL-safe base64 (43 characters). */
    static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
