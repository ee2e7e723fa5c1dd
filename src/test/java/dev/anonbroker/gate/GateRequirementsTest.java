package dev.anonbroker.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /anon-session/requirements} says what the gates want, from the same settings the gates use.
 */
class GateRequirementsTest {

    @Test
    void withEveryGateOffNothingIsRequired() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of())) {
            HttpResponse<String> response = broker.get("/anon-session/requirements");

            assertEquals(200, response.statusCode());
            JsonNode requirements = BrokerHarness.json(response);
            assertFalse(requirements.get("signed_proxy").asBoolean());
            assertTrue(requirements.get("proof_of_work").isNull(), response.body());
            assertTrue(requirements.get("captcha").isNull(), response.body());
        }
    }

    @Test
    void everyEnabledGateIsPublishedWithWhatTheClientNeeds() {
        Map<String, Object> gates = Map.of(
                "broker.netlify.signed-proxy-secret", TestSecrets.random(32),
                "broker.pow.enabled", true,
                "broker.pow.hmac-key", TestSecrets.random(32),
                "broker.captcha.provider", "turnstile",
                "broker.captcha.secret", "1x0000000000000000000000000000000AA",
                "broker.captcha.site-key", "1x00000000000000000000AA",
                "broker.captcha.verify-url", "http://127.0.0.1:9/siteverify");
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), gates)) {
            HttpResponse<String> response = broker.get("/anon-session/requirements");

            assertEquals(200, response.statusCode());
            JsonNode requirements = BrokerHarness.json(response);
            assertTrue(requirements.get("signed_proxy").asBoolean());
            JsonNode proofOfWork = requirements.get("proof_of_work");
            assertEquals("altcha-v1", proofOfWork.get("protocol").asText());
            assertEquals("altcha", proofOfWork.get("field").asText());
            URI challenge = broker.uri("/anon-session/requirements").resolve(proofOfWork.get("challenge_url").asText());
            assertEquals(broker.uri("/anon-session/challenge"), challenge, "the reference resolves to the challenge endpoint");
            JsonNode captcha = requirements.get("captcha");
            assertEquals("turnstile", captcha.get("provider").asText());
            assertEquals("1x00000000000000000000AA", captcha.get("site_key").asText());
            assertEquals("captcha_token", captcha.get("field").asText());
        }
    }
}
