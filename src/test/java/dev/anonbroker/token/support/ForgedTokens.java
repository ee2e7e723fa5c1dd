package dev.anonbroker.token.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.support.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Broker-shaped tokens the test signs itself with a key it generated, to make exactly the bad token a case needs:
 * wrong issuer or audience, expired, another type, {@code alg: none}, HS256 keyed with the public key.
 */
public final class ForgedTokens {

    private ForgedTokens() {
    }

    /** The claims the broker would put into a token of a session that started {@code now}. */
    public static JWTClaimsSet.Builder claims(String issuer, String audience, Instant now, Duration ttl) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .claim("auth_time", now.getEpochSecond()).claim("client_id", "anon-broker-frontend");
    }

    /** ES256 with {@code key}, {@code typ: at+jwt} and the key's {@code kid}. */
    public static String es256(ECKey key, JWTClaimsSet claims) {
        return es256(key, new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID()).build(), claims);
    }

    public static String es256(ECKey key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}) with the given claims and {@code typ: at+jwt}. */
    public static String none(JWTClaimsSet claims) {
        return TestTokens.b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "."
                + TestTokens.b64(claims.toString()) + ".";
    }

    /** HS256 keyed with the JSON of the public key, the classic algorithm-confusion attack on RS/ES verifiers. */
    public static String hs256WithPublicKey(ECKey key, JWTClaimsSet claims) {
        String header = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + key.getKeyID() + "\"}";
        return TestTokens.hs256(key.toPublicJWK().toJSONString(), header, claims.toString());
    }

    /** The token with one character of its signature changed. */
    public static String tampered(String token) {
        int last = token.length() - 3;
        char replacement = token.charAt(last) == 'A' ? 'B' : 'A';
        return token.substring(0, last) + replacement + token.substring(last + 1);
    }

    /** The token with its payload replaced, the signature kept. */
    public static String withPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + TestTokens.b64(claims.toString()) + "." + parts[2];
    }

}
