package dev.anonbroker.backend;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.LogCapture;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.token.support.TestBackendClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.anonbroker.support.BackendCalls.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP Basic authentication of backend clients through micronaut-security: the same 401 for every wrong credential,
 * both spellings of a secret, a case-insensitive scheme name, and no credential in the log even at DEBUG.
 */
class BackendClientAuthenticationTest {

    private static final TestBackendClients CLIENTS = TestBackendClients.generate();
    /** Form-encoding changes it: {@code %} and {@code +} are what RFC 6749's spelling and curl's differ on. */
    private static final String ODD_SECRET = "p%41ss+" + TestSecrets.random(16);
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = CLIENTS.properties();
        properties.put("broker.backend-clients.odd.secret", ODD_SECRET);
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE), properties);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static HttpResponse<String> introspect(String authorization) {
        return BackendCalls.introspect(broker, authorization, "not-a-jwt");
    }

    @Test
    void anUnknownClientAndAWrongSecretGetTheSame401() {
        HttpResponse<String> unknownClient = introspect(basic("nobody", CLIENTS.apiSecret()));
        HttpResponse<String> wrongSecret = introspect(basic("api", CLIENTS.reportsSecret()));
        HttpResponse<String> noCredential = broker.post("/introspect", BackendCalls.form("x"), "Content-Type", BackendCalls.FORM);

        for (HttpResponse<String> refused : List.of(unknownClient, wrongSecret, noCredential)) {
            assertEquals(401, refused.statusCode(), refused.body());
            assertEquals(unknownClient.body(), refused.body());
            assertEquals("Basic realm=\"anon-broker\"", refused.headers().firstValue("WWW-Authenticate").orElse(""));
        }
        assertTrue(unknownClient.body().contains("urn:anon-broker:problem:client-unauthenticated"), unknownClient.body());
    }

    @Test
    void aSecretIsAcceptedRawAndFormEncodedButNotOtherwise() {
        String formEncoded = URLEncoder.encode(ODD_SECRET, StandardCharsets.UTF_8);

        assertEquals(200, introspect(basic("odd", ODD_SECRET)).statusCode(), "as curl -u sends it");
        assertEquals(200, introspect(basic("odd", formEncoded)).statusCode(), "form-encoded, as RFC 6749 asks");
        assertEquals(401, introspect(basic("odd", URLEncoder.encode(formEncoded, StandardCharsets.UTF_8))).statusCode(),
                "encoded twice is another secret");
    }

    @Test
    void theSchemeNameIsCaseInsensitive() {
        String credentials = basic("api", CLIENTS.apiSecret()).substring("Basic ".length());

        assertEquals(200, introspect("basic " + credentials).statusCode());
        assertEquals(200, introspect("BASIC " + credentials).statusCode());
    }

    @Test
    void noCredentialIsLoggedEvenAtDebug() {
        String valid = basic("api", CLIENTS.apiSecret());
        List<String> secrets = List.of(CLIENTS.apiSecret(), valid.substring("Basic ".length()));
        List<ILoggingEvent> events;
        try (LogCapture capture = LogCapture.start(Level.DEBUG, Level.TRACE)) {
            introspect(valid);
            introspect("Basic api:" + CLIENTS.apiSecret());
            introspect(basic("api", CLIENTS.apiSecret() + "x"));
            introspect("basic " + valid.substring("Basic ".length()));
            broker.refresh("x").statusCode();
            broker.post("/anon-session/refresh", null, "Authorization", valid);
            events = capture.events();
        }
        assertFalse(events.isEmpty(), "something was logged to search");
        for (ILoggingEvent event : events) {
            for (String secret : secrets) {
                assertFalse(event.getFormattedMessage().contains(secret), "logged by " + event.getLoggerName());
            }
        }
    }
}
