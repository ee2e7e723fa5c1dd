package dev.anonbroker.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;

import java.util.Arrays;
import java.util.Optional;

/**
 * The JWS algorithms the broker signs and verifies with (RFC 7518, RFC 8037), one per supported key type. A key's type
 * decides its algorithm; nothing else is accepted.
 */
enum SigningAlgorithm {
    ES256(JWSAlgorithm.ES256, true),
    RS256(JWSAlgorithm.RS256, true),
    EDDSA(JWSAlgorithm.EdDSA, true),
    HS256(JWSAlgorithm.HS256, false);

    private final JWSAlgorithm jws;
    private final boolean published;

    SigningAlgorithm(JWSAlgorithm jws, boolean published) {
        this.jws = jws;
        this.published = published;
    }

    JWSAlgorithm jws() {
        return jws;
    }

    /** Whether keys of this algorithm have a public part for the JWKS (HS256 secrets never do). */
    boolean published() {
        return published;
    }

    static Optional<SigningAlgorithm> of(JWSAlgorithm alg) {
        return Arrays.stream(values()).filter(a -> a.jws.equals(alg)).findFirst();
    }

    /** The algorithm a key is used with; {@link IllegalArgumentException} with a reason for any other key. */
    static SigningAlgorithm forKey(JWK key) {
        KeyType type = key.getKeyType();
        if (KeyType.EC.equals(type)) {
            return requireCurve(((ECKey) key).getCurve(), Curve.P_256, ES256);
        }
        if (KeyType.RSA.equals(type)) {
            return RS256;
        }
        if (KeyType.OKP.equals(type)) {
            return requireCurve(((OctetKeyPair) key).getCurve(), Curve.Ed25519, EDDSA);
        }
        if (KeyType.OCT.equals(type)) {
            return HS256;
        }
        throw new IllegalArgumentException("key type " + type + " is not supported (EC, RSA, OKP or oct)");
    }

    private static SigningAlgorithm requireCurve(Curve actual, Curve expected, SigningAlgorithm algorithm) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("curve " + actual + " is not supported: " + algorithm.jws
                    + " needs " + expected);
        }
        return algorithm;
    }

    JWSSigner signer(JWK key) throws JOSEException {
        return switch (this) {
            case ES256 -> Es256Crypto.signer((ECKey) key);
            case RS256 -> new RSASSASigner((RSAKey) key);
            case EDDSA -> new Ed25519Signer((OctetKeyPair) key);
            case HS256 -> new MACSigner((OctetSequenceKey) key);
        };
    }

    /** Verifies signatures made with {@code key}: with its public part, or the secret for HS256. */
    JWSVerifier verifier(JWK key) throws JOSEException {
        return switch (this) {
            case ES256 -> Es256Crypto.verifier((ECKey) key);
            case RS256 -> new RSASSAVerifier(((RSAKey) key).toPublicJWK());
            case EDDSA -> new Ed25519Verifier(((OctetKeyPair) key).toPublicJWK());
            case HS256 -> new MACVerifier((OctetSequenceKey) key);
        };
    }
}
