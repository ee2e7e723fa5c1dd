package dev.anonbroker.emulator;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded emulator exists exactly when broker.gotrue.url is empty and broker.emulator.enabled is not false, and
 * then publishes its URL and a JWT secret as the broker's GoTrue settings.
 */
class EmbeddedGoTrueSwitchTest {

    @Test
    void startsAndPublishesItsUrlWhenNoGoTrueUrlIsConfigured() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("broker.gotrue.url", ""))) {
            String url = context.getProperty("broker.gotrue.url", String.class).orElse("");
            assertTrue(url.startsWith("http://127.0.0.1:"), url);
            assertFalse(context.getProperty("broker.gotrue.jwt-secret", String.class).orElse("").isEmpty());
            HttpResponse<String> health = send(URI.create(url + "/health"));
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"name\":\"GoTrue\""), health.body());
        }
    }

    private static HttpResponse<String> send(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the embedded emulator does not answer at " + uri, e);
        }
    }

    @Test
    void staysOffWhenAGoTrueUrlIsConfigured() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("broker.gotrue.url", "http://127.0.0.1:1"))) {
            assertFalse(context.containsBean(EmbeddedGoTrue.class));
            assertEquals("http://127.0.0.1:1", context.getProperty("broker.gotrue.url", String.class).orElseThrow());
        }
    }

    @Test
    void staysOffWhenSwitchedOff() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("broker.emulator.enabled", false))) {
            assertFalse(context.containsBean(EmbeddedGoTrue.class));
            assertTrue(context.getProperty("broker.gotrue.url", String.class).isEmpty());
        }
    }
}
