package dev.anonbroker.token;

/**
 * Where the broker's signing keys come from. Today: configuration ({@link JwkSetSigningKeySource}); a KMS or vault
 * would be another source.
 */
interface SigningKeySource {

    /** The current keys; never null. */
    SigningKeys keys();
}
