package dev.anonbroker.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.EmulatorOptions;
import dev.anonbroker.gate.pow.AltchaSolver;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.SweepOperator;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.token.support.TestBackendClients;
import dev.anonbroker.token.support.TestKeys;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A broker with every endpoint switched on, for the hardening tests: its own signing key (so the tests know the
 * private parts), proof of work, backend clients and the sweep's operator endpoint.
 */
final class HardenedBroker implements AutoCloseable {

    static final String POW_KEY = TestSecrets.random(32);
    static final long POW_MAX_NUMBER = 500;

    final ECKey signingKey = TestKeys.ec("signing");
    final TestBackendClients clients = TestBackendClients.generate();
    final BrokerHarness broker;
    final String issuer;

    private HardenedBroker(EmulatorOptions emulator, Map<String, Object> extra) {
        Map<String, Object> properties = clients.properties();
        properties.put("broker.signing.jwks", TestKeys.jwks(signingKey));
        properties.put("broker.pow.enabled", true);
        properties.put("broker.pow.hmac-key", POW_KEY);
        properties.put("broker.pow.max-number", POW_MAX_NUMBER);
        properties.putAll(SweepOperator.manualSweeps("0s"));
        properties.putAll(extra);
        broker = BrokerHarness.start(emulator, properties);
        issuer = BrokerHarness.json(broker.get("/.well-known/openid-configuration")).get("issuer").asText();
    }

    static HardenedBroker start() {
        return start(Map.of());
    }

    static HardenedBroker start(Map<String, Object> extra) {
        return start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), extra);
    }

    /** With a netlify emulator started from {@code emulator}, e.g. on a port the test must know beforehand. */
    static HardenedBroker start(EmulatorOptions emulator, Map<String, Object> extra) {
        return new HardenedBroker(emulator, extra);
    }

    String apiClient() {
        return BackendCalls.basic("api", clients.apiSecret());
    }

    /** A solved proof of work, as the ALTCHA widget would send it. */
    String altcha() {
        HttpResponse<String> challenge = broker.get("/anon-session/challenge");
        assertEquals(200, challenge.statusCode(), challenge.body());
        return AltchaSolver.payload(BrokerHarness.json(challenge));
    }

    /** {@code POST /anon-session} with a solved proof of work. */
    HttpResponse<String> mint() {
        String body = BrokerHarness.JSON.createObjectNode().put("altcha", altcha()).toString();
        return broker.post("/anon-session", body, "Content-Type", "application/json");
    }

    /** A fresh session's answer; fails the test unless the broker minted. */
    JsonNode session() {
        HttpResponse<String> response = mint();
        assertEquals(200, response.statusCode(), response.body());
        return BrokerHarness.json(response);
    }

    @Override
    public void close() {
        broker.close();
    }
}
