package dev.anonbroker.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

/**
 * HS256 JWTs made in the test, the way GoTrue makes them: for admin credentials (supabase {@code service_role}) and
 * for tokens a frontend would hold, and hand-built ones with exactly the header and payload JSON a case needs, for
 * tokens a well-behaved library would refuse to make. Never committed, never hard-coded.
 */
public final class TestTokens {

    /** The header GoTrue puts on its tokens. */
    public static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    /** A GoTrue-style token ({@link #HS256_HEADER}) carrying {@code claims}. */
    public static String hs256(String secret, Map<String, Object> claims) {
        try {
            return hs256(secret, JSON.writeValueAsString(claims));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GoTrue-style token ({@link #HS256_HEADER}) with exactly this payload JSON. */
    public static String hs256(String secret, String payloadJson) {
        return hs256(secret, HS256_HEADER, payloadJson);
    }

    /** A JWT with exactly this header and payload JSON, HMAC-SHA256-signed with {@code secret} of any length. */
    public static String hs256(String secret, String headerJson, String payloadJson) {
        String signingInput = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** base64url without padding of the UTF-8 JSON, as one part of a compact JWT. */
    public static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A supabase {@code service_role} key for the given secret, valid for an hour. */
    public static String supabaseServiceRole(String secret) {
        long now = System.currentTimeMillis() / 1000;
        return hs256(secret, Map.of("role", "service_role", "iss", "supabase", "iat", now, "exp", now + 3600));
    }
}
