package dev.anonbroker.token.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.util.List;

/** Keys generated per test run; no key material is ever committed. */
public final class TestKeys {

    private TestKeys() {
    }

    public static ECKey ec(String kid) {
        return generate(() -> new ECKeyGenerator(Curve.P_256).keyID(kid).generate());
    }

    public static ECKey ecP384(String kid) {
        return generate(() -> new ECKeyGenerator(Curve.P_384).keyID(kid).generate());
    }

    /** RSA of any size, also weak ones (for the tests that must refuse them). */
    public static RSAKey rsa(String kid, int bits) {
        return generate(() -> new RSAKeyGenerator(bits, true).keyID(kid).generate());
    }

    /** Ed25519; Nimbus' generator uses Tink, a test-only dependency. */
    public static OctetKeyPair ed25519(String kid) {
        return generate(() -> new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).generate());
    }

    public static OctetSequenceKey hmac(String kid, int bits) {
        return generate(() -> new OctetSequenceKeyGenerator(bits).keyID(kid).generate());
    }

    /** The JWK set as configured: JSON text including private parts. */
    public static String jwks(JWK... keys) {
        return new JWKSet(List.of(keys)).toString(false);
    }

    private interface Generation<K extends JWK> {
        K run() throws JOSEException;
    }

    private static <K extends JWK> K generate(Generation<K> generation) {
        try {
            return generation.run();
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }
}
