package dev.anonbroker.gate.ip;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The measurement: 80 {@code POST /anon-session}, each forging a fresh IP in every forwarding header, against
 * a GoTrue (supabase flavor, anonymous sign-ins) that allows 30 sign-ups per IP per hour. Before this gate the
 * broker forwarded the forged IP and all 80 were minted. Counted as the TCP peer, the 31st is refused with GoTrue's
 * 429, passed on as 429 {@code rate-limited}; trusting {@code X-Forwarded-For} with no proxy in front, the caller
 * picks its IP again, which is why that setting needs a proxy (or {@code trusted-proxies}).
 */
class ForgedIpRateLimitTest {

    private static final int REQUESTS = 80;
    private static final int GOTRUE_LIMIT_PER_IP = 30;

    static Stream<Arguments> deployments() {
        return Stream.of(
                Arguments.of("peer (default)", Map.of(), GOTRUE_LIMIT_PER_IP),
                Arguments.of("x-forwarded-for, but the peer is not in trusted-proxies",
                        Map.of("broker.client-ip.source", "x-forwarded-for", "broker.client-ip.trusted-proxies", "10.0.0.0/8"),
                        GOTRUE_LIMIT_PER_IP),
                Arguments.of("forwarded, but the peer is not in trusted-proxies",
                        Map.of("broker.client-ip.source", "forwarded", "broker.client-ip.trusted-proxies", "10.0.0.0/8"),
                        GOTRUE_LIMIT_PER_IP),
                Arguments.of("misconfigured: x-forwarded-for trusted with no proxy in front",
                        Map.of("broker.client-ip.source", "x-forwarded-for"), REQUESTS));
    }

    @ParameterizedTest(name = "{0}: {2} of 80 minted")
    @MethodSource("deployments")
    void freshForgedIpsMintOnlyAsManyAsGoTrueAllowsTheRealOne(String deployment, Map<String, Object> settings,
                                                               int expectedMinted) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("broker.gotrue.mode", "anonymous");
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE)
                .withAnonymousRateLimit(GOTRUE_LIMIT_PER_IP), properties)) {
            Map<String, Integer> outcomes = new TreeMap<>();
            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse<String> response = broker.post("/anon-session", null, forged(i));
                String outcome = response.statusCode() == 200 ? "minted"
                        : response.statusCode() + " " + BrokerHarness.json(response).get("type").asText();
                outcomes.merge(outcome, 1, Integer::sum);
            }

            Map<String, Integer> expected = new TreeMap<>(Map.of("minted", expectedMinted));
            if (expectedMinted < REQUESTS) {
                expected.put("429 urn:anon-broker:problem:rate-limited", REQUESTS - expectedMinted);
            }
            assertEquals(expected, outcomes);
        }
    }

    /** A fresh made-up visitor in every header a caller could use (203.0.113.0/24, documentation addresses). */
    private static String[] forged(int i) {
        String ip = "203.0.113." + (i + 1);
        return new String[]{"X-Forwarded-For", ip, "Forwarded", "for=" + ip, "X-Real-IP", ip,
                "x-nf-client-connection-ip", ip};
    }
}
