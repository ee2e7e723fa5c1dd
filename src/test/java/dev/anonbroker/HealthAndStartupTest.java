package dev.anonbroker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.Ports;
import dev.anonbroker.support.TestSecrets;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /health with GoTrue's reachability, the embedded emulator when no GoTrue URL is configured, and modes refused
 * at start-up with an error that names the setting.
 */
class HealthAndStartupTest {

    @Test
    void detailedHealthOnTheManagementPortReportsGoTrueReachableThenDown() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of())) {
            HttpResponse<String> up = broker.getManagement("/health");
            assertEquals(200, up.statusCode(), up.body());
            assertEquals("UP", BrokerHarness.json(up).get("status").asText());
            assertEquals(true, BrokerHarness.json(up).at("/details/gotrue/details/reachable").asBoolean(), up.body());

            broker.emulator().close();
            HttpResponse<String> down = broker.getManagement("/health");
            assertEquals(503, down.statusCode(), down.body());
            assertEquals(false, BrokerHarness.json(down).at("/details/gotrue/details/reachable").asBoolean(true), down.body());
        }
    }

    @Test
    void withoutAGoTrueUrlTheBrokerRunsOnTheEmbeddedEmulator() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("broker.emulator.port", Ports.freePort());
        properties.put("broker.emulator.bcrypt-cost", 4);
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
            String base = context.getBean(EmbeddedServer.class).getURL().toString();
            HttpResponse<String> health = BrokerHarness.send(HttpRequest.newBuilder(URI.create(base + "/health")).GET().build());
            HttpResponse<String> session = BrokerHarness.send(HttpRequest.newBuilder(URI.create(base + "/anon-session"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());

            assertEquals(200, health.statusCode(), health.body());
            assertEquals(200, session.statusCode(), session.body());
            JsonNode body = BrokerHarness.json(session);
            assertTrue(body.get("access_token").asText().split("\\.").length == 3);
        }
    }

    @Test
    void anonymousModeOnNetlifyIsRefusedAtStartUpNamingTheSetting() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> BrokerHarness.start(
                BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of("broker.gotrue.mode", "anonymous")).close());
        assertTrue(messages(failure).contains("broker.gotrue.flavor"), messages(failure));
    }

    @Test
    void missingAdminCredentialIsRefusedAtStartUpNamingTheSettings() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.gotrue.jwt-secret", null);
        RuntimeException failure = assertThrows(RuntimeException.class, () -> BrokerHarness.start(
                BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties).close());
        assertTrue(messages(failure).contains("broker.gotrue.admin-token"), messages(failure));
    }

    @Test
    void signupModeWithoutAutoconfirmIsRefusedOnUseNamingTheSetting() {
        try (BrokerHarness broker = BrokerHarness.start(
                BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY).withAutoconfirm(false), Map.of())) {
            HttpResponse<String> response = broker.post("/anon-session", null);

            assertEquals(503, response.statusCode(), response.body());
            assertEquals("urn:anon-broker:problem:mode-unavailable", BrokerHarness.json(response).get("type").asText());
            assertTrue(response.body().contains("autoconfirm") && response.body().contains("admin-create"), response.body());
            assertEquals(0, broker.emulator().users().size(), "no user was created");
        }
    }

    @Test
    void anonymousModeWithAnonymousSignInsDisabledIsRefusedOnUse() {
        try (BrokerHarness broker = BrokerHarness.start(
                BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE).withAnonymousUsers(false),
                Map.of("broker.gotrue.mode", "anonymous"))) {
            HttpResponse<String> response = broker.post("/anon-session", null);

            assertEquals(503, response.statusCode(), response.body());
            assertTrue(response.body().contains("GOTRUE_EXTERNAL_ANONYMOUS_USERS_ENABLED"), response.body());
        }
    }

    @Test
    void adminCreateWorksWithRegistrationClosed() {
        try (BrokerHarness broker = BrokerHarness.start(
                BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY).withDisableSignup(true),
                Map.of("broker.gotrue.mode", "admin-create", "broker.gotrue.admin-token", TestSecrets.OPERATOR_TOKEN))) {
            HttpResponse<String> response = broker.post("/anon-session", null);

            assertEquals(200, response.statusCode(), response.body());
            broker.awaitNoThrowawayUsers();
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }
}
