package dev.anonbroker.keys;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code broker.signing.*}: the broker's signing keys, as a JWK set (RFC 7517 section 5). The first key signs; every
 * key verifies, and the public part of every asymmetric key is published, which is how keys rotate: add the new key
 * first, keep the old one behind it until the last token it signed has expired, then remove it.
 *
 * @param jwks            the JWK set as JSON text, typically from the environment ({@code BROKER_SIGNING_JWKS})
 * @param jwksFile        path of a file holding the JWK set; exclusive with {@code jwks}
 * @param jwksCacheMaxAge {@code Cache-Control: max-age} of the JWKS and discovery documents
 */
@ConfigurationProperties(SigningConfiguration.PREFIX)
public record SigningConfiguration(
        @Nullable String jwks,
        @Nullable String jwksFile,
        @Bindable(defaultValue = "5m") @NotNull Duration jwksCacheMaxAge) {

    static final String PREFIX = "broker.signing";
    public static final String JWKS = PREFIX + ".jwks";
    static final String JWKS_FILE = PREFIX + ".jwks-file";

    boolean hasJwks() {
        return jwks != null && !jwks.isBlank();
    }

    boolean hasJwksFile() {
        return jwksFile != null && !jwksFile.isBlank();
    }

    /** {@code Cache-Control} of the JWKS and discovery documents. */
    public String cacheControl() {
        return "public, max-age=" + jwksCacheMaxAge.toSeconds();
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "SigningConfiguration[jwks=" + (hasJwks() ? "***" : "none") + ", jwksFile=" + jwksFile
                + ", jwksCacheMaxAge=" + jwksCacheMaxAge + "]";
    }
}
