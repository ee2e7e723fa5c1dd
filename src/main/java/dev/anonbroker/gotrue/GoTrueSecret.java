package dev.anonbroker.gotrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.charset.StandardCharsets;

/**
 * GoTrue's HS256 secret ({@code broker.gotrue.jwt-secret}) as Nimbus signers and verifiers. RFC 7518 section 3.2 asks
 * for a key of at least 256 bits, and Nimbus enforces it: a shorter secret stops the broker at start-up with an error
 * naming the setting, rather than verifying tokens with a guessable key.
 */
final class GoTrueSecret {

    static final int MIN_BYTES = 32;

    private GoTrueSecret() {
    }

    static MACSigner signer(String secret) {
        try {
            return new MACSigner(bytes(secret));
        } catch (KeyLengthException e) {
            throw tooShort();
        }
    }

    static MACVerifier verifier(String secret) {
        try {
            return new MACVerifier(bytes(secret));
        } catch (JOSEException e) {
            throw tooShort();
        }
    }

    static ConfigurationException tooShort() {
        return new ConfigurationException(GoTrueConfiguration.JWT_SECRET + " must have at least " + MIN_BYTES
                + " bytes (256 bits, RFC 7518 section 3.2) for HS256; use GoTrue's GOTRUE_JWT_SECRET as it is");
    }

    private static byte[] bytes(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
