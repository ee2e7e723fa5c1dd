package dev.anonbroker.emulator;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Starts the emulator inside the broker when {@code broker.gotrue.url} is empty, so that the broker runs with no
 * configuration at all. It then publishes {@code broker.gotrue.url} (and, unless configured, a fresh random
 * {@code broker.gotrue.jwt-secret}) as properties: the broker reaches it over HTTP like any GoTrue.
 *
 * <p>This is a {@link Context} bean so that it starts, and publishes, before any bean reads the GoTrue settings.
 */
@Context
@Requires(condition = GoTrueUrlUnsetCondition.class)
final class EmbeddedGoTrue {

    static final String PORT_PROPERTY = "broker.emulator.port";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedGoTrue.class);

    private final GoTrueEmulator emulator;

    EmbeddedGoTrue(Environment environment) {
        String flavorText = environment.getProperty("broker.gotrue.flavor", String.class).orElse("netlify");
        String mode = environment.getProperty("broker.gotrue.mode", String.class).orElse("signup");
        String secret = environment.getProperty("broker.gotrue.jwt-secret", String.class)
                .filter(s -> !s.isEmpty()).orElseGet(Ids::secret);
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
        published.put("broker.gotrue.jwt-secret", secret);
        environment.addPropertySource(PropertySource.of("embedded-gotrue-emulator", published, Integer.MAX_VALUE));
        LOG.warn("No broker.gotrue.url configured: running against the EMBEDDED GoTrue EMULATOR ({} flavor) at {}. "
                + "Throwaway users live only in memory. To use a real GoTrue, set broker.gotrue.url "
                + "(env BROKER_GOTRUE_URL), broker.gotrue.flavor and an admin credential "
                + "(broker.gotrue.admin-token or broker.gotrue.jwt-secret).", flavorText, emulator.baseUrl());
    }

    @PreDestroy
    void stop() {
        emulator.close();
    }
}
