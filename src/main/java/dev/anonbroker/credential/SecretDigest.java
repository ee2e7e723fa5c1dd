package dev.anonbroker.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a secret or token, for constant-time comparison with {@link MessageDigest#isEqual} (equal lengths, so
 * the time taken reveals neither the content nor the length of the secret) and for remembering tokens without
 * keeping them.
 */
public final class SecretDigest {

    private SecretDigest() {
    }

    public static byte[] of(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether {@code presented} hashes to {@code expected}, in time independent of where they differ. */
    public static boolean matches(byte[] expected, String presented) {
        return MessageDigest.isEqual(expected, of(presented));
    }
}
