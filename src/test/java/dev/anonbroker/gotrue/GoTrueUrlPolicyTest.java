package dev.anonbroker.gotrue;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code http://} GoTrue URLs are refused at start-up unless the host is loopback or the setting allows them. */
class GoTrueUrlPolicyTest {

    @Test
    void plainHttpToAnotherHostFailsStartUpNamingBothSettings() {
        RuntimeException error = assertThrows(RuntimeException.class, () -> ApplicationContext.run(Map.of(
                "broker.gotrue.url", "http://gotrue.example.com/.netlify/identity")).close());

        String message = rootMessage(error);
        assertTrue(message.contains("broker.gotrue.url"), message);
        assertTrue(message.contains("broker.gotrue.allow-insecure-http"), message);
    }

    @ParameterizedTest(name = "loopback {0} starts")
    @ValueSource(strings = {"http://127.0.0.1:9", "http://127.1.2.3:9/auth/v1", "http://localhost:9", "http://[::1]:9"})
    void plainHttpToLoopbackStarts(String url) {
        try (ApplicationContext context = ApplicationContext.run(Map.of("broker.gotrue.url", url))) {
            assertTrue(context.isRunning());
            context.getBean(GoTrueClient.class);
        }
    }

    @Test
    void plainHttpToAnotherHostStartsWhenExplicitlyAllowed() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "broker.gotrue.url", "http://gotrue.internal:9999",
                "broker.gotrue.allow-insecure-http", true))) {
            context.getBean(GoTrueClient.class);
        }
    }

    @Test
    void httpsToAnyHostStarts() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("broker.gotrue.url", "https://gotrue.example.com"))) {
            context.getBean(GoTrueClient.class);
        }
    }

    @ParameterizedTest(name = "{0} is not loopback")
    @ValueSource(strings = {"127.0.0.1.example.com", "localhost.example.com", "128.0.0.1", "10.0.0.1", "[::2]", "0.0.0.0"})
    void lookalikesAreNotLoopback(String host) {
        assertFalse(GoTrueUrlPolicy.isLoopback(host));
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
