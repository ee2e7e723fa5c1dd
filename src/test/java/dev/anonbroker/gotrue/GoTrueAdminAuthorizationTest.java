package dev.anonbroker.gotrue;

import dev.anonbroker.gotrue.support.TestGoTrue;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.MutableClock;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.support.TestTokens;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoTrueAdminAuthorizationTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void configuredAdminTokenIsUsedAsIs() {
        String token = TestSecrets.random(32);
        var admin = new GoTrueAdminAuthorization(TestGoTrue.configuration(GoTrueFlavor.NETLIFY, null, token),
                new MutableClock(NOW));

        assertEquals("Bearer " + token, admin.authorizationHeader());
    }

    @Test
    void netlifyAdminJwtIsTheSystemUserSignedWithAShortSecret() {
        String secret = TestSecrets.random(32);
        var admin = new GoTrueAdminAuthorization(TestGoTrue.configuration(GoTrueFlavor.NETLIFY, secret, null),
                new MutableClock(NOW));

        String[] parts = admin.bearer().split("\\.");

        assertJson("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", decode(parts[0]));
        assertJson("{\"sub\":\"0\",\"exp\":" + (NOW.getEpochSecond() + 60) + "}", decode(parts[1]));
        assertEquals(parts[2], TestTokens.hs256(secret, decode(parts[0]), decode(parts[1])).split("\\.")[2]);
    }

    @Test
    void supabaseAdminJwtCarriesTheServiceRole() {
        var admin = new GoTrueAdminAuthorization(TestGoTrue.configuration(GoTrueFlavor.SUPABASE, TestSecrets.random(32), null),
                new MutableClock(NOW));

        String claims = decode(admin.bearer().split("\\.")[1]);

        assertJson("{\"role\":\"service_role\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
                + (NOW.getEpochSecond() + 60) + "}", claims);
    }

    @Test
    void adminJwtIsReusedUntilAQuarterOfItsLifetimeIsLeft() {
        MutableClock clock = new MutableClock(NOW);
        var admin = new GoTrueAdminAuthorization(TestGoTrue.configuration(GoTrueFlavor.NETLIFY, TestSecrets.random(32), null),
                clock);
        String first = admin.bearer();

        clock.advance(Duration.ofSeconds(44));
        String reused = admin.bearer();
        clock.advance(Duration.ofSeconds(1));
        String renewed = admin.bearer();

        assertEquals(first, reused);
        assertNotEquals(first, renewed);
        assertTrue(decode(renewed.split("\\.")[1]).contains("\"exp\":" + (NOW.getEpochSecond() + 45 + 60)));
    }

    @Test
    void withoutAnyCredentialTheErrorNamesBothSettings() {
        var admin = new GoTrueAdminAuthorization(TestGoTrue.configuration(GoTrueFlavor.SUPABASE, null, null),
                new MutableClock(NOW));

        IllegalStateException error = assertThrows(IllegalStateException.class, admin::bearer);

        assertTrue(error.getMessage().contains("broker.gotrue.admin-token"), error.getMessage());
        assertTrue(error.getMessage().contains("broker.gotrue.jwt-secret"), error.getMessage());
    }

    @Test
    void aSecretShorterThan256BitsStopsTheStartWithAnErrorNamingTheSetting() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> TestGoTrue.configuration(GoTrueFlavor.SUPABASE, TestSecrets.random(23), null));

        assertTrue(error.getMessage().contains("broker.gotrue.jwt-secret"), error.getMessage());
        assertTrue(error.getMessage().contains("32 bytes"), error.getMessage());
    }

    private static void assertJson(String expected, String actual) {
        try {
            assertEquals(BrokerHarness.JSON.readTree(expected), BrokerHarness.JSON.readTree(actual), actual);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + actual, e);
        }
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
