package dev.anonbroker.keys;

/**
 * Builds the {@link BouncyCastle} provider, which broker tokens and DPoP proofs are signed and verified with, on a
 * thread of its own while the application context starts, instead of on the main thread when the signing keys are
 * built: the provider registers hundreds of algorithms, about a fifth of a second of start-up on a two-core machine.
 */
public final class CryptoPreloader {

    private CryptoPreloader() {
    }

    /** Starts building it; the keys wait for it (class initialisation) only if they are built before it is done. */
    public static void start() {
        Thread preload = new Thread(BouncyCastle::provider, "crypto-preload");
        preload.setDaemon(true);
        preload.start();
    }
}
