package dev.anonbroker.support;

import com.fasterxml.jackson.core.JsonProcessingException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HS256 JWTs made in the test, the way GoTrue makes them: for admin credentials (supabase {@code service_role}) and
 * for tokens a frontend would hold. Never committed, never hard-coded.
 */
public final class TestTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    public static String hs256(String secret, Map<String, Object> claims) {
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "HS256");
            header.put("typ", "JWT");
            String signingInput = B64.encodeToString(BrokerHarness.JSON.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(BrokerHarness.JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A supabase {@code service_role} key for the given secret, valid for an hour. */
    public static String supabaseServiceRole(String secret) {
        long now = System.currentTimeMillis() / 1000;
        return hs256(secret, Map.of("role", "service_role", "iss", "supabase", "iat", now, "exp", now + 3600));
    }
}
