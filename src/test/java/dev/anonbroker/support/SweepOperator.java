package dev.anonbroker.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * What an operator does with the sweep: broker properties that leave sweeps to the test (no scheduled run during
 * it) and calls of {@code POST /sweep} and {@code GET /sweep} with the operator token.
 */
public final class SweepOperator {

    private SweepOperator() {
    }

    /** Sweep properties: operator token set, scheduled runs an hour away, the given grace period. */
    public static Map<String, Object> manualSweeps(String gracePeriod) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.sweep.operator-token", TestSecrets.SWEEP_OPERATOR_TOKEN);
        properties.put("broker.sweep.initial-delay", "1h");
        properties.put("broker.sweep.interval", "1h");
        properties.put("broker.sweep.grace-period", gracePeriod);
        return properties;
    }

    /** {@code POST /sweep}; fails the test unless it answers 200. */
    public static JsonNode sweep(BrokerHarness broker) {
        HttpResponse<String> response = broker.post("/sweep", null, "Authorization", "Bearer " + TestSecrets.SWEEP_OPERATOR_TOKEN);
        if (response.statusCode() != 200) {
            throw new AssertionError("POST /sweep answered " + response.statusCode() + ": " + response.body());
        }
        return BrokerHarness.json(response);
    }

    /** {@code GET /sweep} with the operator token. */
    public static HttpResponse<String> last(BrokerHarness broker) {
        return broker.get("/sweep", "Authorization", "Bearer " + TestSecrets.SWEEP_OPERATOR_TOKEN);
    }
}
