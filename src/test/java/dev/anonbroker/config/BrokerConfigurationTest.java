package dev.anonbroker.config;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerConfigurationTest {

    @Test
    void settingsBindFromProperties() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "broker.issuer", "https://broker.example/auth", "broker.audiences", "api,reports",
                "broker.token-ttl", "5m", "broker.max-session-age", "2h"))) {
            BrokerConfiguration configuration = context.getBean(BrokerConfiguration.class);

            assertEquals(List.of("api", "reports"), configuration.audiences());
            assertEquals("api", configuration.defaultAudience());
            assertEquals(Duration.ofMinutes(5), configuration.tokenTtl());
            assertEquals(Duration.ofHours(2), configuration.maxSessionAge());
            assertEquals("https://broker.example/auth/x", context.getBean(BrokerIssuer.class).resolve("/x"));
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "broker.issuer, ftp://broker.example, broker.issuer must be an absolute http(s) URL",
            "broker.issuer, https://broker.example/?q=1, broker.issuer must be an absolute http(s) URL",
            "broker.token-ttl, 0s, broker.token-ttl must be positive",
            "broker.max-session-age, -1m, broker.max-session-age must be positive"})
    void invalidSettingIsRefusedByName(String property, String value, String expected) {
        Exception e = assertThrows(Exception.class, () -> {
            try (ApplicationContext context = ApplicationContext.run(Map.of(property, value))) {
                context.getBean(BrokerConfiguration.class);
            }
        });

        assertTrue(messages(e).contains(expected), messages(e));
    }

    /** The setting may be refused at start-up by a bean that needs it, or when first asked for: either names it. */
    private static String messages(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
