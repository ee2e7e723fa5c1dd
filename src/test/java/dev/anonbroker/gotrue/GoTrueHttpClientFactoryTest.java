package dev.anonbroker.gotrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.netty.DefaultHttpClient;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one GoTrue HTTP client bean: named, configured from {@code broker.gotrue.*}, refusing an empty URL. */
class GoTrueHttpClientFactoryTest {

    @Test
    void namedClientCarriesTimeoutsAndPoolBoundFromConfiguration() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "broker.gotrue.url", "http://127.0.0.1:9/.netlify/identity",
                "broker.gotrue.connect-timeout", "700ms",
                "broker.gotrue.read-timeout", "1500ms",
                "broker.gotrue.max-connections", "7"))) {
            HttpClient client = context.getBean(HttpClient.class, Qualifiers.byName(GoTrueHttpClientFactory.NAME));

            HttpClientConfiguration configuration = ((DefaultHttpClient) client).getConfiguration();

            assertEquals(Optional.of(Duration.ofMillis(700)), configuration.getConnectTimeout());
            assertEquals(Optional.of(Duration.ofMillis(1500)), configuration.getReadTimeout());
            assertEquals(7, configuration.getConnectionPoolConfiguration().getMaxConcurrentHttp1Connections());
            assertTrue(configuration.getConnectionPoolConfiguration().isEnabled());
        }
    }

    @Test
    void emptyUrlFailsWithTheSettingNameWhenTheClientIsCreated() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("broker.gotrue.url", "", "broker.emulator.enabled", false))) {
            RuntimeException error = assertThrows(RuntimeException.class, () -> context.getBean(GoTrueClient.class));

            Throwable root = error;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root instanceof IllegalStateException, root.toString());
            assertTrue(root.getMessage().startsWith("broker.gotrue.url is empty"), root.getMessage());
        }
    }
}
