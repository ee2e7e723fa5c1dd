package dev.anonbroker.cookie;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code broker.cookie.enabled} switch: off, no cookie is set or read and {@code /anon-session/end} does not
 * exist; on, the start-up refuses settings under which cookies would protect nothing, and the cookie names and the
 * refresh path follow their settings.
 */
class CookieModeSwitchTest {

    private static final String SITE = "https://site.example";

    private static BrokerHarness start(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(overrides);
        if (!properties.containsKey("broker.allowed-origins")) {
            properties.put("broker.allowed-origins", SITE);
        }
        return BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable at = failure; at != null; at = at.getCause()) {
            all.append(at.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static String type(HttpResponse<String> response) {
        return BrokerHarness.json(response).get("type").asText();
    }

    @Test
    void offByDefaultNoCookieIsSetOrReadAndEndDoesNotExist() {
        try (BrokerHarness broker = start(Map.of())) {
            HttpResponse<String> minted = broker.post("/anon-session", null, "Origin", SITE);
            assertEquals(200, minted.statusCode(), minted.body());
            assertTrue(SetCookie.all(minted).isEmpty(), "no Set-Cookie on a mint");
            String refreshToken = BrokerHarness.refreshTokenOf(minted);
            assertEquals("Bearer", BrokerHarness.json(minted).get("token_type").asText());

            HttpResponse<String> refreshed = broker.refresh(refreshToken, "Origin", SITE);
            assertEquals(200, refreshed.statusCode(), refreshed.body());
            assertTrue(SetCookie.all(refreshed).isEmpty(), "no Set-Cookie on a refresh");

            HttpResponse<String> fromCookie = broker.post("/anon-session/refresh", "{}", "Origin", SITE,
                    "Content-Type", "application/json",
                    "Cookie", "__Secure-anon-broker-refresh=" + BrokerHarness.refreshTokenOf(refreshed));
            assertEquals(400, fromCookie.statusCode(), "a refresh cookie is not read: " + fromCookie.body());

            HttpResponse<String> end = broker.post("/anon-session/end", null, "Origin", SITE);
            assertEquals(404, end.statusCode(), end.body());
            assertEquals("urn:anon-broker:problem:not-found", type(end));
            assertTrue(SetCookie.all(end).isEmpty());
        }
    }

    @Test
    void onWithoutAllowedOriginsIsRefusedAtStartUpNamingTheSetting() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.cookie.enabled", true);
        properties.put("broker.allowed-origins", null);
        RuntimeException failure = assertThrows(RuntimeException.class, () -> start(properties).close());
        assertTrue(messages(failure).contains("broker.allowed-origins"), messages(failure));
    }

    @Test
    void onWithDpopRequiredIsRefusedAtStartUpNamingBothSettings() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> start(Map.of(
                "broker.cookie.enabled", true, "broker.dpop.enabled", true)).close());
        assertTrue(messages(failure).contains("broker.cookie.enabled"), messages(failure));
        assertTrue(messages(failure).contains("broker.dpop.enabled"), messages(failure));
    }

    @Test
    void aHostPrefixedRefreshCookieOffTheRootPathIsRefusedAtStartUp() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> start(Map.of(
                "broker.cookie.enabled", true, "broker.cookie.refresh-name", "__Host-refresh")).close());
        assertTrue(messages(failure).contains("broker.cookie.refresh-name"), messages(failure));
    }

    @Test
    void endCountsAgainstTheRefreshRateLimit() {
        try (BrokerHarness broker = start(Map.of("broker.cookie.enabled", true,
                "broker.rate-limit.enabled", true, "broker.rate-limit.refresh-per-ip", "2/1h"))) {
            assertEquals(204, broker.post("/anon-session/end", null, "Origin", SITE).statusCode());
            assertEquals(204, broker.post("/anon-session/end", null, "Origin", SITE).statusCode());

            HttpResponse<String> limited = broker.post("/anon-session/end", null, "Origin", SITE);

            assertEquals(429, limited.statusCode(), limited.body());
            assertEquals("urn:anon-broker:problem:rate-limited", type(limited));
            assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        }
    }

    @Test
    void cookieNamesAndTheRefreshPathFollowTheirSettings() {
        try (BrokerHarness broker = start(Map.of("broker.cookie.enabled", true,
                "broker.cookie.access-name", "__Host-site-token",
                "broker.cookie.refresh-name", "__Secure-site-refresh",
                "broker.cookie.refresh-path", "/api/anon-session"))) {
            HttpResponse<String> minted = broker.post("/anon-session", null, "Origin", SITE);

            assertEquals(200, minted.statusCode(), minted.body());
            assertEquals("/", SetCookie.named(minted, "__Host-site-token").attribute("path").orElseThrow());
            SetCookie refresh = SetCookie.named(minted, "__Secure-site-refresh");
            assertEquals("/api/anon-session", refresh.attribute("path").orElseThrow());
            assertFalse(refresh.attributes().containsKey("domain"), "host-only");

            HttpResponse<String> refreshed = broker.post("/anon-session/refresh", null, "Origin", SITE,
                    "Cookie", refresh.asRequestCookie());
            assertEquals(200, refreshed.statusCode(), refreshed.body());
            assertEquals(2, SetCookie.all(refreshed).size());
        }
    }
}
