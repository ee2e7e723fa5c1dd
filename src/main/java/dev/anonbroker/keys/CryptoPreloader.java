package dev.anonbroker.keys;

/**
 * Loads BouncyCastle's provider, which {@link Es256Crypto} signs and verifies with, on a thread of its own while the
 * application context starts, instead of on the main thread when the signing keys are built: the provider registers
 * hundreds of algorithms, about a fifth of a second of start-up on a two-core machine.
 */
public final class CryptoPreloader {

    private CryptoPreloader() {
    }

    /** Starts loading; the keys wait for it (class initialisation) only if they are built before it ends. */
    public static void start() {
        Thread preload = new Thread(Es256Crypto::load, "crypto-preload");
        preload.setDaemon(true);
        preload.start();
    }
}
