package dev.anonbroker.gate;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.gate.pow.AltchaSolver;
import dev.anonbroker.support.CreatedUsers;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.FakeSiteverify;
import dev.anonbroker.support.NetlifySignatures;
import dev.anonbroker.support.TestSecrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every gate on at once: they run cheapest first, the first refusal ends the request before the dearer gates (the
 * captcha provider, GoTrue) are asked, and each decision is counted in {@code broker.gate.decisions}. The captcha
 * provider is {@link FakeSiteverify}, a local stand-in for Cloudflare's siteverify (no internet here).
 */
class GatePolicyTest {

    private static final String ORIGIN = "https://mysite.netlify.app";
    private static final String NETLIFY_SECRET = TestSecrets.random(32);

    private FakeSiteverify siteverify;
    private BrokerHarness broker;

    @BeforeEach
    void start() {
        siteverify = FakeSiteverify.start();
        Map<String, Object> gates = new HashMap<>();
        gates.put("broker.allowed-origins", ORIGIN);
        gates.put("broker.netlify.signed-proxy-secret", NETLIFY_SECRET);
        gates.put("broker.client-ip.source", "netlify");
        gates.put("broker.rate-limit.enabled", true);
        gates.put("broker.rate-limit.anon-session-per-ip", "2/1h");
        gates.put("broker.pow.enabled", true);
        gates.put("broker.pow.hmac-key", TestSecrets.random(32));
        gates.put("broker.captcha.provider", "turnstile");
        gates.put("broker.captcha.secret", FakeSiteverify.TURNSTILE_PASSES);
        gates.put("broker.captcha.verify-url", siteverify.turnstileUrl());
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), gates);
    }

    @AfterEach
    void stop() {
        broker.close();
        siteverify.close();
    }

    @Test
    void aRequestEveryGateAdmitsMintsAndEveryGateCountsIt() {
        HttpResponse<String> response = mint(true, solvedChallenge(), "token-1");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2.0, decisions("origin", "admitted"), "GET /anon-session/challenge passes the origin gate too");
        for (String gate : new String[] {"signed-proxy", "rate-limit", "proof-of-work", "captcha"}) {
            assertEquals(1.0, decisions(gate, "admitted"), gate);
            assertEquals(0.0, decisions(gate, "refused"), gate);
        }
        assertEquals("203.0.113.7", siteverify.requests().get(0).get("remoteip"), "Netlify's visitor IP, signed");
    }

    @Test
    void aRequestOutsideTheSignedProxyIsRefusedBeforeTheRateLimitIsCharged() {
        CreatedUsers usersBefore = CreatedUsers.since(broker.emulator());

        HttpResponse<String> response = mint(false, solvedChallenge(), "token-1");

        assertEquals(403, response.statusCode());
        assertEquals("urn:anon-broker:problem:signed-proxy-required", BrokerHarness.json(response).get("type").asText());
        assertEquals(1.0, decisions("signed-proxy", "refused"));
        assertEquals(0.0, decisions("rate-limit", "admitted") + decisions("rate-limit", "refused"));
        assertTrue(siteverify.requests().isEmpty(), "the captcha provider was not asked");
        assertEquals(List.of(), usersBefore.ids(), "no GoTrue user was created");
    }

    @Test
    void theRateLimitRefusesBeforeAnyProofIsChecked() {
        assertEquals(200, mint(true, solvedChallenge(), "token-1").statusCode());
        assertEquals(200, mint(true, solvedChallenge(), "token-2").statusCode());
        broker.awaitNoThrowawayUsers();

        HttpResponse<String> response = mint(true, "not-even-a-payload", "token-3");

        assertEquals(429, response.statusCode());
        assertEquals("urn:anon-broker:problem:rate-limited", BrokerHarness.json(response).get("type").asText());
        assertEquals(0.0, decisions("proof-of-work", "refused"), "the bad payload was never looked at");
        assertEquals(2, siteverify.requests().size(), "the captcha provider was not asked a third time");
        assertTrue(broker.emulator().users().isEmpty(), "no GoTrue user was created");
    }

    @Test
    void proofOfWorkRefusesBeforeTheCaptchaProviderIsAsked() {
        HttpResponse<String> response = mint(true, null, "token-1");

        assertEquals(403, response.statusCode());
        assertEquals("urn:anon-broker:problem:proof-of-work-required", BrokerHarness.json(response).get("type").asText());
        assertEquals(1.0, decisions("proof-of-work", "refused"));
        assertTrue(siteverify.requests().isEmpty(), "the captcha provider was not asked");
    }

    private HttpResponse<String> mint(boolean signed, String altcha, String captchaToken) {
        Map<String, String> body = new HashMap<>();
        if (altcha != null) {
            body.put("altcha", altcha);
        }
        body.put("captcha_token", captchaToken);
        String json = BrokerHarness.JSON.valueToTree(body).toString();
        if (!signed) {
            return broker.post("/anon-session", json, "Content-Type", "application/json", "Origin", ORIGIN);
        }
        return broker.post("/anon-session", json, "Content-Type", "application/json", "Origin", ORIGIN,
                "x-nf-sign", NetlifySignatures.sign(NETLIFY_SECRET, Instant.now()),
                "x-nf-client-connection-ip", "203.0.113.7");
    }

    private String solvedChallenge() {
        HttpResponse<String> challenge = broker.get("/anon-session/challenge", "Origin", ORIGIN);
        assertEquals(200, challenge.statusCode(), challenge.body());
        return AltchaSolver.payload(BrokerHarness.json(challenge));
    }

    private double decisions(String gate, String outcome) {
        Counter counter = broker.context().getBean(MeterRegistry.class).find(GateDecisions.METER)
                .tags("gate", gate, "outcome", outcome).counter();
        return counter == null ? 0.0 : counter.count();
    }
}
