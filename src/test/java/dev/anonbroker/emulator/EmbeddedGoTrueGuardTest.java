package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.token.support.TestKeys;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without {@code broker.gotrue.url}, a production setting stops the start-up instead of starting the embedded
 * emulator, unless {@code broker.emulator.enabled=true} asks for it; the emulator never takes a configured secret.
 */
class EmbeddedGoTrueGuardTest {

    private static final String SIGNING_JWKS = TestKeys.jwks(TestKeys.ec("guard"));

    @TempDir
    static Path workdir;

    static Stream<Arguments> productionSettings() throws IOException {
        Path jwksFile = Files.writeString(workdir.resolve("signing-jwks.json"), SIGNING_JWKS);
        return Stream.of(
                Arguments.of("broker.signing.jwks", SIGNING_JWKS),
                Arguments.of("broker.signing.jwks-file", jwksFile.toString()),
                Arguments.of("broker.allowed-origins", List.of("https://app.example")),
                Arguments.of("broker.gotrue.jwt-secret", TestSecrets.random(32)),
                Arguments.of("broker.gotrue.admin-token", TestSecrets.random(24)),
                Arguments.of("broker.gotrue.api-key", TestSecrets.random(24)),
                Arguments.of("broker.captcha.secret", TestSecrets.random(24)),
                Arguments.of("broker.netlify.signed-proxy-secret", TestSecrets.random(32)),
                Arguments.of("broker.pow.hmac-key", TestSecrets.random(32)),
                Arguments.of("broker.sweep.operator-token", TestSecrets.random(24)),
                Arguments.of("broker.backend-clients.reports.secret", TestSecrets.random(24)));
    }

    @Test
    void everyProductionSettingIsCovered() throws IOException {
        List<String> tested = productionSettings().map(arguments -> (String) arguments.get()[0]).toList();
        for (String name : ProductionSettings.VALUES) {
            assertTrue(tested.contains(name), name + " has a test");
        }
        for (String prefix : ProductionSettings.PREFIXES) {
            assertTrue(tested.stream().anyMatch(name -> name.startsWith(prefix + ".")), prefix + " has a test");
        }
    }

    @ParameterizedTest(name = "{0} without a GoTrue URL")
    @MethodSource("productionSettings")
    void aProductionSettingWithoutAGoTrueUrlStopsTheStartUp(String name, Object value) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(name, value);
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> ApplicationContext.run(properties).close());

        String message = messages(failure);
        assertTrue(message.contains("broker.gotrue.url"), message);
        assertTrue(message.contains(name.startsWith("broker.backend-clients") ? "broker.backend-clients" : name), message);
        assertTrue(message.contains("broker.emulator.enabled=true"), message);
        if (value instanceof String text) {
            assertTrue(!message.contains(text), "the message names the setting, never its value");
        }
    }

    @Test
    void anEmptySettingIsNotAProductionSetting() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("broker.gotrue.url", "",
                "broker.gotrue.admin-token", "", "broker.allowed-origins", ""))) {
            String url = context.getProperty("broker.gotrue.url", String.class).orElse("");
            assertTrue(url.startsWith("http://127.0.0.1:"), "the embedded emulator started: " + url);
        }
    }

    @Test
    void explicitlyEnabledTheEmulatorRunsBesideProductionSettings() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("broker.signing.jwks", SIGNING_JWKS);
        properties.put("broker.emulator.enabled", true);
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
            String base = context.getBean(EmbeddedServer.class).getURL().toString();
            HttpResponse<String> session = BrokerHarness.send(HttpRequest.newBuilder(URI.create(base + "/anon-session"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());

            assertEquals(200, session.statusCode(), session.body());
            JsonNode body = BrokerHarness.json(session);
            assertEquals("ES256", BrokerHarness.JSON.readTree(java.util.Base64.getUrlDecoder()
                    .decode(body.get("access_token").asText().split("\\.")[0])).get("alg").asText());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theEmulatorNeverTakesTheConfiguredSecret() {
        String configured = TestSecrets.random(32);
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("broker.gotrue.jwt-secret", configured);
        properties.put("broker.emulator.enabled", true);
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
            String published = context.getProperty("broker.gotrue.jwt-secret", String.class).orElseThrow();
            assertNotEquals(configured, published, "the emulator generated its own secret and published it");
            assertTrue(published.length() >= 32, "a fresh random secret");

            String base = context.getBean(EmbeddedServer.class).getURL().toString();
            HttpResponse<String> session = BrokerHarness.send(HttpRequest.newBuilder(URI.create(base + "/anon-session"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(200, session.statusCode(), "the broker uses the published secret: " + session.body());
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
