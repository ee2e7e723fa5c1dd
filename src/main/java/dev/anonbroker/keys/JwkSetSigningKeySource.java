package dev.anonbroker.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Keys from {@code broker.signing.jwks} or {@code broker.signing.jwks-file}, read and checked once at start-up
 * ({@link Context}), so a bad key stops the broker before it serves. With neither set, an ES256 key is generated and
 * a warning says that its tokens die with the process.
 */
@Context
final class JwkSetSigningKeySource implements SigningKeySource {

    private static final Logger LOG = LoggerFactory.getLogger(JwkSetSigningKeySource.class);

    private final SigningKeys keys;

    JwkSetSigningKeySource(SigningConfiguration configuration) {
        this.keys = load(configuration);
        LOG.info("Signing broker tokens with {} key {}; {} key(s) verify, {} published",
                keys.signingAlgorithm().jws(), keys.signingKey().getKeyID(), keys.verificationKeys().size(),
                keys.publishedKeys().size());
    }

    @Override
    public SigningKeys keys() {
        return keys;
    }

    static SigningKeys load(SigningConfiguration configuration) {
        if (configuration.hasJwks() && configuration.hasJwksFile()) {
            throw new ConfigurationException("Set either " + SigningConfiguration.JWKS + " or "
                    + SigningConfiguration.JWKS_FILE + ", not both");
        }
        if (configuration.hasJwks()) {
            return JwkSetParser.parse(configuration.jwks(), SigningConfiguration.JWKS);
        }
        if (configuration.hasJwksFile()) {
            String setting = SigningConfiguration.JWKS_FILE + " (" + configuration.jwksFile() + ")";
            return JwkSetParser.parse(read(Path.of(configuration.jwksFile()), setting), setting);
        }
        return generated();
    }

    private static String read(Path file, String setting) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(setting + ": no such file");
        } catch (IOException e) {
            throw new ConfigurationException(setting + ": cannot read the file: " + e.getClass().getSimpleName());
        }
    }

    private static SigningKeys generated() {
        JWK key;
        try {
            key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new ConfigurationException("No signing key configured and generating one failed: " + e.getMessage());
        }
        LOG.warn("""
                !!! No signing keys configured: generated a temporary ES256 key (kid {}). !!!
                Broker tokens will not verify after a restart, and each instance signs with its own key.
                For anything but development, set {} (env BROKER_SIGNING_JWKS) to a JWK set, or {} to a file \
                holding one; the first key signs, all are published.""",
                key.getKeyID(), SigningConfiguration.JWKS, SigningConfiguration.JWKS_FILE);
        return JwkSetParser.signingKeys(List.of(key), "generated key", true);
    }
}
