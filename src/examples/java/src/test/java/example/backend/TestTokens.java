package example.backend;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * Broker-shaped tokens the test signs itself with a key it generated, to make exactly the bad token a case needs:
 * wrong issuer or audience, expired, another type, {@code alg: none}, HS256 keyed with the public key.
 */
final class TestTokens {

    static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

    private TestTokens() {
    }

    /** The claims the broker would put into a token of a session that started {@code now}. */
    static JWTClaimsSet claims(String issuer, String audience, Instant now, Duration ttl) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .claim("auth_time", now.getEpochSecond()).claim("client_id", "anon-broker-frontend")
                .build();
    }

    /** ES256 with {@code key}, {@code typ: at+jwt} and the key's {@code kid}, as the broker signs. */
    static String es256(ECKey key, JWTClaimsSet claims) {
        return es256(key, new JWSHeader.Builder(JWSAlgorithm.ES256).type(ACCESS_TOKEN).keyID(key.getKeyID()).build(),
                claims);
    }

    static String es256(ECKey key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}, RFC 7519 section 6) with {@code typ: at+jwt} and the key's kid. */
    static String none(ECKey key, JWTClaimsSet claims) {
        String header = "{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + key.getKeyID() + "\"}";
        return b64(header) + "." + b64(claims.toString()) + ".";
    }

    /** HS256 keyed with the JSON of the published public key: the classic algorithm-confusion attack. */
    static String hs256WithPublicKey(ECKey key, JWTClaimsSet claims) {
        String header = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + key.getKeyID() + "\"}";
        String signingInput = b64(header) + "." + b64(claims.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with one character of its signature changed. */
    static String tampered(String token) {
        int last = token.length() - 3;
        char replacement = token.charAt(last) == 'A' ? 'B' : 'A';
        return token.substring(0, last) + replacement + token.substring(last + 1);
    }

    /** The token with its payload replaced, the signature kept. */
    static String withPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + b64(claims.toString()) + "." + parts[2];
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
