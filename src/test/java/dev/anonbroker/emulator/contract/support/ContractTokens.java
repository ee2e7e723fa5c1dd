package dev.anonbroker.emulator.contract.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anonbroker.support.TestTokens;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * HS256 tokens minted by the tests themselves (RFC 7519, RFC 7515 section A.1), so that no token is ever written into
 * the sources. GoTrue signs with the raw bytes of {@code GOTRUE_JWT_SECRET}, whatever their length, and so does this
 * class, through {@link TestTokens}.
 */
public final class ContractTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ContractTokens() {
    }

    /** A token with header {@code {"alg":"HS256","typ":"JWT"}} and the given claims, signed with {@code secret}. */
    public static String hs256(String secret, Map<String, ?> claims) {
        try {
            return TestTokens.hs256(secret, JSON.writeValueAsString(claims));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims cannot be serialised", e);
        }
    }

    /**
     * The netlify "system user" admin token (src/main/docs/guide/gotrue-compatibility.md section 3):
     * {@code {"sub":"0","exp":now+5min}}.
     */
    public static String netlifySystemAdmin(String secret) {
        return hs256(secret, Map.of("sub", "0", "exp", epochIn(Duration.ofMinutes(5))));
    }

    /** A supabase admin key: role {@code service_role}, short-lived, no {@code sub}, no {@code session_id}. */
    public static String supabaseServiceRole(String secret) {
        long now = Instant.now().getEpochSecond();
        return hs256(secret, Map.of("role", "service_role", "iat", now, "exp", now + 300));
    }

    /** A correctly signed token for {@code sub} that expired an hour ago. */
    public static String expired(String secret, String sub) {
        return hs256(secret, Map.of("sub", sub, "exp", epochIn(Duration.ofHours(-1)), "email", "expired@example.com"));
    }

    /** A well-formed, unexpired token for {@code sub}, signed with a random secret the server cannot know. */
    public static String signedWithUnknownSecret(String sub) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String otherSecret = ENCODER.encodeToString(key);
        return hs256(otherSecret, Map.of("sub", sub, "exp", epochIn(Duration.ofMinutes(5))));
    }

    /** Unix seconds {@code offset} from now. */
    public static long epochIn(Duration offset) {
        return Instant.now().plus(offset).getEpochSecond();
    }

    /** The decoded JOSE header of a compact JWT. Does not verify anything. */
    public static JsonNode header(String jwt) {
        return decodePart(jwt, 0);
    }

    /** The decoded claims of a compact JWT. Does not verify anything. */
    public static JsonNode claims(String jwt) {
        return decodePart(jwt, 1);
    }

    private static JsonNode decodePart(String jwt, int index) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS: " + parts.length + " segments");
        }
        try {
            return JSON.readTree(DECODER.decode(parts[index]));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("JWT segment " + index + " is not JSON", e);
        }
    }

    /** A random UUID string, for a {@code sub} that belongs to no user. */
    public static String unknownSub() {
        return UUID.randomUUID().toString();
    }
}
