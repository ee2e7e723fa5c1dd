package dev.anonbroker.token.support;

import dev.anonbroker.support.TestSecrets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two backend clients for the introspection and revocation endpoints, with fresh secrets: {@code api}, which may see
 * every audience, and {@code reports}, which may see only {@code reports}.
 */
public record TestBackendClients(String apiSecret, String reportsSecret) {

    public static TestBackendClients generate() {
        return new TestBackendClients(TestSecrets.random(32), TestSecrets.random(32));
    }

    /** {@code broker.audiences} backend and reports, and the two clients; a mutable map, to add more. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.audiences", List.of("backend", "reports"));
        properties.put("broker.backend-clients.api.secret", apiSecret);
        properties.put("broker.backend-clients.reports.secret", reportsSecret);
        properties.put("broker.backend-clients.reports.audiences", List.of("reports"));
        return properties;
    }
}
