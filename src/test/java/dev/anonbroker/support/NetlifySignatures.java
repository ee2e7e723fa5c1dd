package dev.anonbroker.support;

import com.fasterxml.jackson.core.JsonProcessingException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code x-nf-sign} values made as Netlify makes them, without the broker's JOSE library: netlify-cli's
 * {@code utils/sign-redirect.js} calls {@code jwt.sign({deploy_context, netlify_id, site_url}, secret,
 * {expiresIn: '5 minutes', issuer: 'netlify'})}, so jsonwebtoken writes the header {@code {"alg":"HS256","typ":"JWT"}}
 * and the claims in that order followed by {@code iat}, {@code exp} and {@code iss}. The other factories make the
 * forgeries a gate must refuse.
 */
public final class NetlifySignatures {

    public static final String SITE_ID = "5a6b7c8d-0000-4000-8000-000000000001";
    public static final String SITE_URL = "https://mysite.netlify.app";
    /** Netlify's lifetime of a signature. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private NetlifySignatures() {
    }

    /** A signature Netlify would send at {@code now} for {@link #SITE_ID} / {@link #SITE_URL}, production deploy. */
    public static String sign(String secret, Instant now) {
        return hmac("HS256", "HmacSHA256", secret, claims(now, SITE_ID, SITE_URL, "netlify"));
    }

    /** The claims Netlify signs, in its order; a mutable map, to change or remove one. */
    public static Map<String, Object> claims(Instant now, String siteId, String siteUrl, String issuer) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("deploy_context", "production");
        claims.put("netlify_id", siteId);
        claims.put("site_url", siteUrl);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        claims.put("iss", issuer);
        return claims;
    }

    /** An HMAC JWS with the given {@code alg} header and JCA algorithm, keyed by the secret's UTF-8 bytes. */
    public static String hmac(String alg, String jcaAlgorithm, String secret, Map<String, Object> claims) {
        String signingInput = signingInput(header(alg), claims);
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jcaAlgorithm));
            return signingInput + "." + base64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured JWS ({@code alg: none}, empty signature), RFC 7519 section 6. */
    public static String unsecured(Map<String, Object> claims) {
        return signingInput(header("none"), claims) + ".";
    }

    /** RS256 with a fresh key pair: a JWS that verifies with its own public key, never with the secret. */
    public static String rs256(Map<String, Object> claims) {
        String signingInput = signingInput(header("RS256"), claims);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"alg":...,"typ":"JWT"}} in jsonwebtoken's order. */
    private static Map<String, Object> header(String alg) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", "JWT");
        return header;
    }

    private static String signingInput(Map<String, Object> header, Map<String, Object> claims) {
        return base64(json(header)) + "." + base64(json(claims));
    }

    private static byte[] json(Map<String, Object> value) {
        try {
            return BrokerHarness.JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
