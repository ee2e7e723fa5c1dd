package dev.anonbroker.keys;

/**
 * Where the broker's signing keys come from. Today: configuration ({@link JwkSetSigningKeySource}); a KMS or vault
 * would be another source.
 */
public interface SigningKeySource {

    /** The current keys; never null. */
    SigningKeys keys();
}
