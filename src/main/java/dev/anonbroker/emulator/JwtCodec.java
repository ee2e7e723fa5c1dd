package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

/**
 * HS256 JWTs (RFC 7519) made by hand with {@link Mac}: GoTrue accepts HMAC secrets of any length, which common Java
 * JOSE libraries refuse. Verification follows golang-jwt's order: segments, header, claims, method, signature, then
 * {@code exp}/{@code nbf}, so a badly signed expired token reports the signature.
 */
final class JwtCodec {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] secret;
    private final Clock clock;

    JwtCodec(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    String sign(ObjectNode header, ObjectNode claims) {
        String signingInput = encode(header) + "." + encode(claims);
        return signingInput + "." + ENCODER.encodeToString(mac(signingInput));
    }

    /** Returns the verified claims or throws {@link JwtException} saying why not. */
    ObjectNode verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new JwtException(JwtException.Kind.SEGMENTS, 0, "");
        }
        JsonNode header = decodeSegment(parts[0]);
        JsonNode claims = decodeSegment(parts[1]);
        if (!claims.isObject()) {
            throw new JwtException(JwtException.Kind.MALFORMED, 0, "json: cannot unmarshal into claims");
        }
        String alg = Json.text(header, "alg");
        if (!"HS256".equals(alg)) {
            throw new JwtException(JwtException.Kind.METHOD, 0, alg);
        }
        byte[] signature = decodeBytes(parts[2]);
        if (!MessageDigest.isEqual(signature, mac(parts[0] + "." + parts[1]))) {
            throw new JwtException(JwtException.Kind.SIGNATURE, 0, "");
        }
        checkTimes(claims);
        return (ObjectNode) claims;
    }

    private void checkTimes(JsonNode claims) {
        long now = clock.instant().getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp != null && exp.isNumber() && now > exp.asLong()) {
            throw new JwtException(JwtException.Kind.EXPIRED, now - exp.asLong(), "");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && nbf.isNumber() && now < nbf.asLong()) {
            throw new JwtException(JwtException.Kind.NOT_YET_VALID, 0, "");
        }
    }

    private static JsonNode decodeSegment(String segment) {
        byte[] bytes = decodeBytes(segment);
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new JwtException(JwtException.Kind.MALFORMED, 0, "unexpected end of JSON input");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new JwtException(JwtException.Kind.MALFORMED, 0, "invalid character in JSON");
        }
    }

    private static byte[] decodeBytes(String segment) {
        try {
            return DECODER.decode(segment.replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new JwtException(JwtException.Kind.MALFORMED, 0, "illegal base64 data");
        }
    }

    private static String encode(JsonNode node) {
        return ENCODER.encodeToString(Json.write(node).getBytes(StandardCharsets.UTF_8));
    }

    /** An empty key is given as one zero byte: HMAC zero-pads keys to the block size, so both are the same key. */
    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
