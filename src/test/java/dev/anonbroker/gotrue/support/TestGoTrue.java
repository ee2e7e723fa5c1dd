package dev.anonbroker.gotrue.support;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.gotrue.GoTrueConfiguration;
import dev.anonbroker.gotrue.GoTrueFlavor;
import dev.anonbroker.gotrue.GoTrueMode;
import dev.anonbroker.gotrue.ThrowawayCredentials;
import dev.anonbroker.support.TestSecrets;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * GoTrue fixtures: generated credentials (never written into the sources), the emulator flavor of a GoTrue flavor
 * (for {@link dev.anonbroker.support.BrokerHarness#emulatorOptions(EmulatorFlavor, String)}), and the
 * {@code broker.gotrue.*} properties that point a Micronaut context at an emulator.
 */
public final class TestGoTrue {

    public static final String EMAIL_DOMAIN = "anon.invalid";

    private TestGoTrue() {
    }

    /** A fresh throwaway email {@code <tag>-<random>@anon.invalid} with a random password. */
    public static ThrowawayCredentials credentials(String tag) {
        return new ThrowawayCredentials(tag + "-" + UUID.randomUUID().toString().substring(0, 12) + "@" + EMAIL_DOMAIN,
                TestSecrets.random(32));
    }

    public static EmulatorFlavor emulatorFlavor(GoTrueFlavor flavor) {
        return EmulatorFlavor.valueOf(flavor.name());
    }

    /** {@code broker.gotrue.*} for a context talking to {@code baseUrl}; add admin credentials as needed. */
    public static Map<String, Object> properties(GoTrueFlavor flavor, String baseUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.gotrue.url", baseUrl);
        properties.put("broker.gotrue.flavor", flavor.name().toLowerCase(Locale.ROOT));
        properties.put("broker.gotrue.email-domain", EMAIL_DOMAIN);
        properties.put("broker.gotrue.read-timeout", "5s");
        return properties;
    }

    /** A configuration record for plain unit tests. */
    public static GoTrueConfiguration configuration(GoTrueFlavor flavor, String jwtSecret, String adminToken) {
        return new GoTrueConfiguration("http://127.0.0.1:1", flavor, GoTrueMode.SIGNUP, jwtSecret, adminToken, null,
                null, EMAIL_DOMAIN, null, Duration.ofSeconds(2), Duration.ofSeconds(5), 10, Duration.ofSeconds(60),
                false, Duration.ofSeconds(2), 8);
    }
}
