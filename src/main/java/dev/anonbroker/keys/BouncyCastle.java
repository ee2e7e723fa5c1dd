package dev.anonbroker.keys;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/**
 * The one BouncyCastle provider of the process, for ECDSA on its fast P-256 arithmetic (broker tokens,
 * {@link Es256Crypto}; DPoP proofs). It is handed to Nimbus per signer and verifier, never registered with
 * {@link java.security.Security}. Building it registers hundreds of algorithms, so it is built once, early, by
 * {@link CryptoPreloader}.
 */
public final class BouncyCastle {

    private static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }

    public static Provider provider() {
        return PROVIDER;
    }
}
