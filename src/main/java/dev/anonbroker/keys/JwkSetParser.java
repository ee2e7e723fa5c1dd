package dev.anonbroker.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a configured JWK set into {@link SigningKeys}, refusing anything unsafe with a {@link ConfigurationException}
 * that names the setting and the key (by position and {@code kid}), never its material.
 */
public final class JwkSetParser {

    static final int MIN_RSA_BITS = 2048;
    static final int MIN_HMAC_BITS = 256;
    private static final byte[] PROBE = "anon-broker key check".getBytes(StandardCharsets.US_ASCII);

    private JwkSetParser() {
    }

    public static SigningKeys parse(String json, String setting) {
        List<JWK> configured = parseSet(json, setting).getKeys();
        if (configured.isEmpty()) {
            throw new ConfigurationException(setting + ": the JWK set has no keys");
        }
        List<JWK> keys = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (int i = 0; i < configured.size(); i++) {
            JWK key = checked(configured.get(i), setting + ": key " + (i + 1));
            if (!kids.add(key.getKeyID())) {
                throw new ConfigurationException(setting + ": key " + (i + 1) + ": kid " + key.getKeyID()
                        + " is used twice");
            }
            keys.add(key);
        }
        return signingKeys(keys, setting, false);
    }

    /** Builds the key set around already validated keys (also used for the generated development key). */
    static SigningKeys signingKeys(List<JWK> keys, String setting, boolean generated) {
        JWK first = keys.get(0);
        String where = setting + ": key 1 (kid " + first.getKeyID() + ")";
        if (!first.isPrivate()) {
            throw new ConfigurationException(where + ": the first key signs and needs its private part");
        }
        SigningAlgorithm algorithm = SigningAlgorithm.forKey(first);
        JWSSigner signer = selfTested(first, algorithm, where);
        List<JWK> published = keys.stream()
                .filter(key -> SigningAlgorithm.forKey(key).published())
                .map(JwkSetParser::publicPart)
                .toList();
        try {
            return new SigningKeys(first, algorithm, signer, keys, new JWKSet(published), generated);
        } catch (JOSEException e) {
            throw new ConfigurationException(setting + ": a key cannot verify signatures: " + e.getMessage());
        }
    }

    private static JWKSet parseSet(String json, String setting) {
        try {
            return JWKSet.parse(json);
        } catch (ParseException e) {
            throw new ConfigurationException(setting + ": not a valid JWK set (RFC 7517): " + e.getMessage());
        }
    }

    private static JWK checked(JWK key, String where) {
        String named = key.getKeyID() == null ? where : where + " (kid " + key.getKeyID() + ")";
        SigningAlgorithm algorithm;
        try {
            algorithm = SigningAlgorithm.forKey(key);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(named + ": " + e.getMessage());
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(algorithm.jws().getName())) {
            throw new ConfigurationException(named + ": alg " + key.getAlgorithm() + " does not fit a "
                    + key.getKeyType() + " key, which signs " + algorithm.jws());
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            throw new ConfigurationException(named + ": use is " + key.getKeyUse().identifier() + ", must be sig");
        }
        requireStrength(key, named);
        return key.getKeyID() == null ? withThumbprintKid(key, named) : key;
    }

    private static void requireStrength(JWK key, String where) {
        if (key instanceof RSAKey && key.size() < MIN_RSA_BITS) {
            throw new ConfigurationException(where + ": RSA key has " + key.size() + " bits, at least "
                    + MIN_RSA_BITS + " are required");
        }
        if (key instanceof OctetSequenceKey && key.size() < MIN_HMAC_BITS) {
            throw new ConfigurationException(where + ": HS256 secret has " + key.size() + " bits, at least "
                    + MIN_HMAC_BITS + " are required");
        }
    }

    /** RFC 7638 thumbprint as {@code kid}, so every token names its key. */
    private static JWK withThumbprintKid(JWK key, String where) {
        try {
            Map<String, Object> json = key.toJSONObject();
            json.put("kid", key.computeThumbprint().toString());
            return JWK.parse(json);
        } catch (JOSEException | ParseException e) {
            throw new ConfigurationException(where + ": cannot compute the RFC 7638 thumbprint for a kid");
        }
    }

    /** Signs and verifies a probe, so a key whose private and public parts do not belong together fails at start-up. */
    private static JWSSigner selfTested(JWK key, SigningAlgorithm algorithm, String where) {
        try {
            JWSSigner signer = algorithm.signer(key);
            JWSHeader header = new JWSHeader(algorithm.jws());
            Base64URL signature = signer.sign(header, PROBE);
            if (!algorithm.verifier(key).verify(header, PROBE, signature)) {
                throw new ConfigurationException(where + ": private and public parts do not belong together");
            }
            return signer;
        } catch (JOSEException e) {
            throw new ConfigurationException(where + ": unusable for " + algorithm.jws() + ": " + e.getMessage());
        }
    }

    private static JWK publicPart(JWK key) {
        Map<String, Object> json = key.toPublicJWK().toJSONObject();
        json.putIfAbsent("alg", SigningAlgorithm.forKey(key).jws().getName());
        json.putIfAbsent("use", KeyUse.SIGNATURE.identifier());
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("the public part of a valid key did not parse", e);
        }
    }
}
