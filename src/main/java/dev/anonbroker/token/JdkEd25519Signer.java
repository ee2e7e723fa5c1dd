package dev.anonbroker.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Set;

/**
 * EdDSA (Ed25519, RFC 8037) signing with the JDK's own implementation (Java 15+). Nimbus' {@code Ed25519Signer} needs
 * Google Tink (2.5 MB) on the classpath; the JDK's SunEC provider does the same job with no dependency.
 */
final class JdkEd25519Signer implements JWSSigner {

    private final PrivateKey privateKey;
    private final JCAContext jcaContext = new JCAContext();

    private JdkEd25519Signer(PrivateKey privateKey) {
        this.privateKey = privateKey;
    }

    static JdkEd25519Signer of(OctetKeyPair key) throws JOSEException {
        if (!key.isPrivate()) {
            throw new JOSEException("the Ed25519 key has no private part");
        }
        try {
            EdECPrivateKeySpec spec = new EdECPrivateKeySpec(NamedParameterSpec.ED25519, key.getDecodedD());
            return new JdkEd25519Signer(KeyFactory.getInstance("Ed25519").generatePrivate(spec));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("the JDK rejected the Ed25519 private key", e);
        }
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw new JOSEException("Ed25519 keys sign EdDSA only, not " + header.getAlgorithm());
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(signingInput);
            return Base64URL.encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Ed25519 signing failed", e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
