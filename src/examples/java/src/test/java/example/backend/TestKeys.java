package example.backend;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.util.List;

/** Signing keys generated per test run: no key material is ever committed. */
final class TestKeys {

    private TestKeys() {
    }

    /** A new ES256 (P-256) key pair. */
    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    /** The broker's {@code broker.signing.jwks}: JSON with private parts; the first key signs, all are published. */
    static String signingJwks(ECKey... keys) {
        return new JWKSet(List.<JWK>of(keys)).toString(false);
    }
}
