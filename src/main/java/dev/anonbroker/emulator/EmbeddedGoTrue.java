package dev.anonbroker.emulator;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the emulator inside the broker when {@code broker.gotrue.url} is empty, so that the broker runs with no
 * configuration at all. It then publishes {@code broker.gotrue.url} and a fresh random {@code broker.gotrue.jwt-secret}
 * as properties, above any configured one: the broker reaches it over HTTP like any GoTrue, and a secret meant for a
 * real GoTrue never signs the emulator's tokens.
 *
 * <p>With a {@link ProductionSettings production setting} present it refuses to start, so that a typo in
 * {@code BROKER_GOTRUE_URL} stops the broker instead of backing production tokens with an in-memory GoTrue, unless
 * {@code broker.emulator.enabled=true} is set explicitly.
 *
 * <p>This is a {@link Context} bean so that it starts, and publishes, before any bean reads the GoTrue settings.
 */
@Context
@Requires(condition = GoTrueUrlUnsetCondition.class)
final class EmbeddedGoTrue {

    static final String PORT_PROPERTY = "broker.emulator.port";
    static final String ENABLED_PROPERTY = "broker.emulator.enabled";
    static final String SECRET_PROPERTY = "broker.gotrue.jwt-secret";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedGoTrue.class);

    private final GoTrueEmulator emulator;

    EmbeddedGoTrue(Environment environment) {
        String flavorText = environment.getProperty("broker.gotrue.flavor", String.class).orElse("netlify");
        String mode = environment.getProperty("broker.gotrue.mode", String.class).orElse("signup");
        refuseProductionSettings(environment);
        String secret = Ids.secret();
        EmulatorFlavor flavor = EmulatorFlavor.parse(flavorText);
        EmulatorOptions defaults = EmulatorOptions.defaults(flavor, secret);
        int port = environment.getProperty(PORT_PROPERTY, Integer.class).orElse(EmulatorArguments.DEFAULT_PORT);
        int bcryptCost = environment.getProperty("broker.emulator.bcrypt-cost", Integer.class)
                .orElse(defaults.bcryptCost());
        EmulatorOptions options = defaults
                .withPort(port)
                .withBcryptCost(bcryptCost)
                .withAnonymousUsers(flavor == EmulatorFlavor.SUPABASE && "anonymous".equalsIgnoreCase(mode));
        emulator = GoTrueEmulator.start(options);
        Map<String, Object> published = new HashMap<>();
        published.put("broker.gotrue.url", emulator.baseUrl());
        published.put(SECRET_PROPERTY, secret);
        environment.addPropertySource(PropertySource.of("embedded-gotrue-emulator", published, Integer.MAX_VALUE));
        LOG.warn("No broker.gotrue.url configured: running against the EMBEDDED GoTrue EMULATOR ({} flavor) at {}. "
                + "Throwaway users live only in memory. To use a real GoTrue, set broker.gotrue.url "
                + "(env BROKER_GOTRUE_URL), broker.gotrue.flavor and an admin credential "
                + "(broker.gotrue.admin-token or broker.gotrue.jwt-secret).", flavorText, emulator.baseUrl());
    }

    private static void refuseProductionSettings(Environment environment) {
        List<String> present = ProductionSettings.present(environment);
        boolean explicitlyEnabled = environment.getProperty(ENABLED_PROPERTY, Boolean.class).orElse(false);
        if (!present.isEmpty() && !explicitlyEnabled) {
            throw new ConfigurationException("broker.gotrue.url (env BROKER_GOTRUE_URL) is empty, but production "
                    + "settings are configured: " + String.join(", ", present) + ". Set broker.gotrue.url to your "
                    + "GoTrue. To run on the embedded in-memory GoTrue emulator anyway, set "
                    + ENABLED_PROPERTY + "=true (env BROKER_EMULATOR_ENABLED=true).");
        }
        if (present.contains(SECRET_PROPERTY)) {
            LOG.warn("The configured {} is ignored: the embedded emulator always generates its own.", SECRET_PROPERTY);
        }
    }

    @PreDestroy
    void stop() {
        emulator.close();
    }
}
