package dev.anonbroker.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * ES256 signers and verifiers on BouncyCastle's P-256 arithmetic rather than Java 17's SunEC, which takes about a
 * millisecond of CPU per verification (measured by the benchmark). The keys are converted to BouncyCastle's own
 * key classes once, when the verifier is built, since its fast curve code applies only to them. The provider is
 * handed to Nimbus per signer and verifier and never registered with {@link java.security.Security}.
 */
final class Es256Crypto {

    private static final Provider BOUNCY_CASTLE = BouncyCastle.provider();

    private Es256Crypto() {
    }

    static ECDSASigner signer(ECKey key) throws JOSEException {
        ECDSASigner signer = new ECDSASigner(privateKey(key), Curve.P_256);
        signer.getJCAContext().setProvider(BOUNCY_CASTLE);
        return signer;
    }

    static ECDSAVerifier verifier(ECKey key) throws JOSEException {
        ECDSAVerifier verifier = new ECDSAVerifier(publicKey(key));
        verifier.getJCAContext().setProvider(BOUNCY_CASTLE);
        return verifier;
    }

    private static ECPublicKey publicKey(ECKey key) throws JOSEException {
        try {
            byte[] encoded = key.toECPublicKey().getEncoded();
            KeyFactory factory = KeyFactory.getInstance("EC", BOUNCY_CASTLE);
            return (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("EC public key cannot be used: " + e.getMessage(), e);
        }
    }

    private static ECPrivateKey privateKey(ECKey key) throws JOSEException {
        try {
            byte[] encoded = key.toECPrivateKey().getEncoded();
            KeyFactory factory = KeyFactory.getInstance("EC", BOUNCY_CASTLE);
            return (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("EC private key cannot be used: " + e.getMessage(), e);
        }
    }
}
