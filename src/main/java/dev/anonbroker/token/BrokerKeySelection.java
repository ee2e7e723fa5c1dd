package dev.anonbroker.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;

import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Key selection and verifier creation for Nimbus' {@code DefaultJWTProcessor}, over the broker's own keys: a key is a
 * candidate only when its {@code kid} matches and its type goes with the header's {@code alg} (so an HS256 header
 * never meets an RSA or EC public key). Needed instead of Nimbus' defaults because those cannot turn Ed25519 JWKs
 * into JCA keys.
 */
final class BrokerKeySelection implements JWSKeySelector<SecurityContext>, JWSVerifierFactory {

    private final SigningKeys keys;
    private final JCAContext jcaContext = new JCAContext();

    BrokerKeySelection(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        List<Key> selected = new ArrayList<>();
        for (JWK jwk : keys.keysFor(header.getAlgorithm(), header.getKeyID())) {
            try {
                selected.add(SigningAlgorithm.forKey(jwk).verificationKey(jwk));
            } catch (JOSEException e) {
                throw new KeySourceException("key " + jwk.getKeyID() + " cannot verify", e);
            }
        }
        return selected;
    }

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        SigningAlgorithm algorithm = SigningAlgorithm.of(header.getAlgorithm())
                .filter(a -> keys.algorithms().contains(a.jws()))
                .orElseThrow(() -> new JOSEException("algorithm " + header.getAlgorithm() + " is not accepted"));
        return algorithm.verifier(key);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return keys.algorithms();
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
