package dev.anonbroker.emulator.contract.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Random user data for contract checks. Emails are lower-case (supabase stores them so) under {@code example.com} (RFC
 * 2606); passwords are 43 base64url characters, which both flavors accept (src/main/docs/guide/gotrue-compatibility.md
 * section 5.3).
 */
public final class TestUsers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestUsers() {
    }

    /** e.g. {@code contract-3f2a...@example.com}; {@code label} makes a filterable prefix. */
    public static String randomEmail(String label) {
        return label + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "@example.com";
    }

    public static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A signup or admin body with {@code email} and {@code password}, in that order. */
    public static Map<String, Object> credentials(String email, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        return body;
    }

    /** {@link #credentials} of a random email (label {@code signup}) and password. */
    public static Map<String, Object> newCredentials() {
        return credentials(randomEmail("signup"), randomPassword());
    }

    /** A fresh audience, so that a check sees only the users it created itself. */
    public static String randomAudience() {
        return "contract-" + UUID.randomUUID().toString().substring(0, 13).toLowerCase(Locale.ROOT);
    }

    /** Twelve characters of {@code [a-z2-7]}: shaped like a supabase v1 refresh token, but unknown to the server. */
    public static String wellFormedUnknownRefreshToken() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            token.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return token.toString();
    }
}
