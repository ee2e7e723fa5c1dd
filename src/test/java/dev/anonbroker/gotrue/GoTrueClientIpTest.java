package dev.anonbroker.gotrue;

import dev.anonbroker.gotrue.support.EmulatedGoTrue;
import dev.anonbroker.gotrue.support.TestGoTrue;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The visitor's IP travels in the configured (or the flavor's default) header, so GoTrue's own per-IP limit on
 * {@code POST /token} (30 at once) falls on that visitor only. Asserted through the emulator's rate limiter.
 */
class GoTrueClientIpTest {

    private static final int BURST = 30;

    @ParameterizedTest(name = "{0}: GoTrue limits on {1}, broker.gotrue.client-ip-header=''{2}''")
    @CsvSource({
            "NETLIFY,  X-Forwarded-For,  ",
            "SUPABASE, Sb-Forwarded-For, ",
            "NETLIFY,  X-Client-IP,      X-Client-IP"
    })
    void visitorIpKeysGoTruesTokenRateLimit(GoTrueFlavor flavor, String limitHeader, String configuredHeader) {
        Map<String, Object> extra = new HashMap<>();
        if (configuredHeader != null) {
            extra.put("broker.gotrue.client-ip-header", configuredHeader);
        }
        try (EmulatedGoTrue gotrue = EmulatedGoTrue.start(flavor,
                BrokerHarness.emulatorOptions(TestGoTrue.emulatorFlavor(flavor), TestSecrets.random(32))
                        .withRateLimitHeader(limitHeader), extra)) {
            GoTrueClient client = gotrue.client();
            ThrowawayCredentials unknown = TestGoTrue.credentials("nobody");

            for (int i = 0; i < BURST; i++) {
                assertEquals(GoTrueException.Kind.REJECTED, grantFailure(client, unknown, "198.51.100.10").kind(),
                        "grant " + i);
            }
            GoTrueException limited = grantFailure(client, unknown, "198.51.100.10");

            assertEquals(GoTrueException.Kind.RATE_LIMITED, limited.kind());
            assertEquals(Optional.empty(), limited.retryAfter(), "GoTrue itself sends no Retry-After");
            assertEquals(flavor == GoTrueFlavor.SUPABASE ? "over_request_rate_limit" : null, limited.errorCode());
            assertEquals(GoTrueException.Kind.REJECTED, grantFailure(client, unknown, "198.51.100.11").kind());
        }
    }

    private static GoTrueException grantFailure(GoTrueClient client, ThrowawayCredentials credentials, String ip) {
        try {
            client.passwordGrant(credentials, ip);
            throw new AssertionError("an unknown user got tokens");
        } catch (GoTrueException e) {
            return e;
        }
    }
}
