package dev.anonbroker.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One built script and its strong entity tag, a digest of its bytes: a new build changes the tag, the same build on
 * every replica gives the same one.
 */
record ClientScript(byte[] bytes, String etag) {

    static ClientScript of(byte[] bytes) {
        return new ClientScript(bytes, "\"" + digest(bytes) + "\"");
    }

    /**
     * Whether an {@code If-None-Match} value names this script. RFC 9110 section 13.1.2 compares weakly, so
     * {@code W/"x"} matches {@code "x"}; {@code *} matches any current representation.
     */
    boolean matches(String ifNoneMatch) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || MessageDigest.isEqual(tag.getBytes(StandardCharsets.US_ASCII),
                    etag.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
