package dev.anonbroker.gate.ratelimit;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.CreatedUsers;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.FrontendGoTrue;
import dev.anonbroker.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's own limits over HTTP, switched on with small limits (application-test.yml switches them off). Every
 * request here comes from 127.0.0.1; the limits across many addresses are in {@link RateLimitGateTest} until the
 * client-IP resolver reads {@code X-Forwarded-For}.
 */
class RateLimitHttpTest {

    private static final Map<String, Object> MARKER = EmulatorAdmin.marker("frontend-test");
    private final MutableClock clock = new MutableClock(Instant.now());
    private BrokerHarness broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** A broker with every limit off but {@code limits}. */
    private BrokerHarness start(Map<String, Object> limits) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.rate-limit.enabled", true);
        for (String name : new String[]{"anon-session-per-ip", "anon-session-per-network", "exchange-per-ip",
                "exchange-per-network", "refresh-per-ip", "refresh-per-network", "mint-budget"}) {
            properties.put("broker.rate-limit." + name, "off");
        }
        properties.putAll(limits);
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties, clock);
        return broker;
    }

    private HttpResponse<String> mint() {
        return broker.post("/anon-session", null);
    }

    private HttpResponse<String> exchange(String gotrueToken) {
        return broker.post("/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken);
    }

    private String frontendToken() {
        return FrontendGoTrue.signUpAndLogIn(broker.emulator().baseUrl(), FrontendGoTrue.throwawayEmail(), MARKER);
    }

    private static void assertRateLimited(HttpResponse<String> response, String policy, String quota, long seconds) {
        assertEquals(429, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("urn:anon-broker:problem:rate-limited", BrokerHarness.json(response).get("type").asText());
        assertEquals(Long.toString(seconds), response.headers().firstValue("Retry-After").orElse(""));
        assertEquals("\"" + policy + "\";" + quota, response.headers().firstValue("RateLimit-Policy").orElse(""));
        assertEquals("\"" + policy + "\";r=0;t=" + seconds, response.headers().firstValue("RateLimit").orElse(""));
        String detail = BrokerHarness.json(response).get("detail").asText();
        assertTrue(detail.contains(policy) && detail.contains("Retry in " + seconds + " seconds"), detail);
    }

    @Test
    void anonSessionPerIpAdmitsNThenRefusesWithoutCreatingAUserAndRefillsWithTheClock() {
        start(Map.of("broker.rate-limit.anon-session-per-ip", "2/1m"));
        assertEquals(200, mint().statusCode());
        assertEquals(200, mint().statusCode());
        broker.awaitNoThrowawayUsers();

        HttpResponse<String> refused = mint();

        assertRateLimited(refused, "anon-session-per-ip", "q=2;w=60", 30);
        assertEquals(0, broker.emulator().users().size(), "no GoTrue user was created");
        clock.advance(Duration.ofSeconds(29));
        assertEquals(429, mint().statusCode());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, mint().statusCode(), "one token back after 60s / 2");
        assertEquals(429, mint().statusCode());
    }

    @Test
    void exchangePerIpRefusesBeforeTheGoTrueTokenIsLookedAt() {
        start(Map.of("broker.rate-limit.exchange-per-ip", "1/1m"));
        String first = frontendToken();
        String second = frontendToken();
        assertEquals(200, exchange(first).statusCode());
        CreatedUsers usersBefore = CreatedUsers.since(broker.emulator());

        HttpResponse<String> refused = exchange(second);

        assertRateLimited(refused, "exchange-per-ip", "q=1;w=60", 60);
        assertEquals(List.of(), usersBefore.ids(), "no GoTrue user was created");
        assertEquals(200, mint().statusCode(), "/anon-session has its own limits");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(200, exchange(second).statusCode(), "the refused token was not spent");
    }

    @Test
    void refreshPerIpLimitsRefreshesOnly() {
        start(Map.of("broker.rate-limit.refresh-per-ip", "2/1m"));
        String token = BrokerHarness.refreshTokenOf(mint());
        token = BrokerHarness.refreshTokenOf(broker.refresh(token));
        token = BrokerHarness.refreshTokenOf(broker.refresh(token));

        assertRateLimited(broker.refresh(token), "refresh-per-ip", "q=2;w=60", 30);
        assertEquals(200, mint().statusCode());
        clock.advance(Duration.ofSeconds(30));
        token = BrokerHarness.refreshTokenOf(broker.refresh(token));
    }

    @Test
    void perNetworkCountsThePeersSlash24() {
        start(Map.of("broker.rate-limit.anon-session-per-ip", "5/1m", "broker.rate-limit.anon-session-per-network", "2/1m"));
        assertEquals(200, mint().statusCode());
        assertEquals(200, mint().statusCode());

        assertRateLimited(mint(), "anon-session-per-network", "q=2;w=60", 30);
    }

    @Test
    void visitorsOfOneSlash24ShareTheNetworkLimitAndAnotherNetworkDoesNot() {
        Map<String, Object> limits = new HashMap<>(Map.of("broker.rate-limit.anon-session-per-ip", "1/1m",
                "broker.rate-limit.anon-session-per-network", "2/1m"));
        limits.put("broker.client-ip.source", "x-forwarded-for");
        start(limits);

        assertEquals(200, mintAs("198.51.100.1").statusCode());
        assertRateLimited(mintAs("198.51.100.1"), "anon-session-per-ip", "q=1;w=60", 60);
        assertEquals(200, mintAs("198.51.100.2").statusCode());
        assertRateLimited(mintAs("198.51.100.3"), "anon-session-per-network", "q=2;w=60", 30);
        assertEquals(200, mintAs("198.51.101.3").statusCode(), "the next /24 has its own bucket");
    }

    private HttpResponse<String> mintAs(String visitorIp) {
        return broker.post("/anon-session", null, "X-Forwarded-For", "203.0.113.99, " + visitorIp);
    }

    @Test
    void theMintBudgetAnswers503AndCountsAnonSessionAndExchangeButNotRefresh() {
        start(Map.of("broker.rate-limit.mint-budget", "2/1m"));
        String token = BrokerHarness.refreshTokenOf(mint());
        assertEquals(200, exchange(frontendToken()).statusCode());
        broker.awaitNoThrowawayUsers();

        HttpResponse<String> refused = mint();

        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("urn:anon-broker:problem:mint-budget-exhausted", BrokerHarness.json(refused).get("type").asText());
        assertEquals("30", refused.headers().firstValue("Retry-After").orElse(""));
        assertEquals(0, broker.emulator().users().size(), "no GoTrue user was created");
        BrokerHarness.refreshTokenOf(broker.refresh(token)); // a refresh starts no session
        clock.advance(Duration.ofSeconds(30));
        assertEquals(200, mint().statusCode());
    }

    @Test
    void offSwitchesOffOneLimitAndNoOther() {
        start(Map.of("broker.rate-limit.anon-session-per-ip", "off", "broker.rate-limit.refresh-per-ip", "1/1m"));
        for (int i = 0; i < 4; i++) {
            assertEquals(200, mint().statusCode(), "mint " + i);
        }
        String token = BrokerHarness.refreshTokenOf(mint());
        token = BrokerHarness.refreshTokenOf(broker.refresh(token));
        assertEquals(429, broker.refresh(token).statusCode());
    }

    @Test
    void disabledLimitsNothing() {
        Map<String, Object> limits = new HashMap<>();
        limits.put("broker.rate-limit.enabled", false);
        for (String name : new String[]{"anon-session-per-ip", "refresh-per-ip", "mint-budget"}) {
            limits.put("broker.rate-limit." + name, "1/1h");
        }
        start(limits);

        for (int i = 0; i < 3; i++) {
            String token = BrokerHarness.refreshTokenOf(mint());
            token = BrokerHarness.refreshTokenOf(broker.refresh(token));
            token = BrokerHarness.refreshTokenOf(broker.refresh(token));
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"mint-budget, 20/second", "anon-session-per-ip, 30", "refresh-per-network, 0/10m",
            "exchange-per-ip, ''", "max-tracked-keys, 0", "max-tracked-keys, -5"})
    void aMalformedLimitRefusesToStartNamingTheProperty(String name, String value) {
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> start(Map.of("broker.rate-limit." + name, value)));

        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("broker.rate-limit." + name), messages.toString());
    }
}
