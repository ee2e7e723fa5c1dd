package dev.anonbroker.token.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Hand-built compact JWTs, for tokens a well-behaved library would refuse to make. */
public final class TestTokens {

    private TestTokens() {
    }

    /** A JWT with exactly this header and payload JSON, HMAC-SHA256-signed with {@code secret} of any length. */
    public static String hs256(String headerJson, String payloadJson, String secret) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GoTrue-style access token: HS256, header {@code {"alg":"HS256","typ":"JWT"}}. */
    public static String goTrue(String payloadJson, String secret) {
        return hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payloadJson, secret);
    }

    public static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
