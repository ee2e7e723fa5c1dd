package dev.anonbroker.gate.pow;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * broker.pow.enabled: off, minting needs no payload and the challenge endpoint does not exist; on, the broker refuses
 * to start without a usable key.
 */
class ProofOfWorkSwitchTest {

    @Test
    void offMintingNeedsNoPayloadAndThereIsNoChallengeEndpoint() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.pow.hmac-key", TestSecrets.random(32)))) {
            HttpResponse<String> mint = broker.post("/anon-session", null);
            HttpResponse<String> challenge = broker.get("/anon-session/challenge");

            assertEquals(200, mint.statusCode(), mint.body());
            assertEquals(404, challenge.statusCode(), challenge.body());
            assertEquals("application/problem+json", challenge.headers().firstValue("Content-Type").orElse(""));
            assertEquals("urn:anon-broker:problem:not-found", BrokerHarness.json(challenge).get("type").asText());
            assertFalse(broker.context().containsBean(ChallengeIssuer.class));
            assertFalse(broker.context().containsBean(SolutionVerifier.class));
            broker.awaitNoThrowawayUsers();
        }
    }

    @Test
    void onTheChallengeBeansExist() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.pow.enabled", true, "broker.pow.hmac-key", TestSecrets.random(32)))) {
            assertTrue(broker.context().containsBean(ChallengeIssuer.class));
            assertTrue(broker.context().containsBean(SolutionVerifier.class));
            assertEquals(200, broker.get("/anon-session/challenge").statusCode());
        }
    }

    @ParameterizedTest(name = "hmac-key ''{0}''")
    @ValueSource(strings = {"", "   ", "short-key-of-31-characters-xxxx"})
    void onWithoutAUsableKeyRefusesToStart(String key) {
        assertEquals(31, "short-key-of-31-characters-xxxx".length());
        Map<String, Object> properties = new HashMap<>(Map.of("broker.pow.enabled", true));
        if (!key.isEmpty()) {
            properties.put("broker.pow.hmac-key", key);
        }

        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties).close());

        assertTrue(messages(refused).contains("broker.pow.hmac-key"), messages(refused));
    }

    @Test
    void aZeroTtlRefusesToStart() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                        Map.of("broker.pow.challenge-ttl", "0s")).close());

        assertTrue(messages(refused).contains("broker.pow.challenge-ttl"), messages(refused));
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
