package dev.anonbroker.hardening;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.LogCapture;
import dev.anonbroker.token.support.TestBackendClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A form body with broken percent-encoding ({@code token=%zz}), or a body that does not match its
 * {@code Content-Encoding}, is a malformed request: 400 {@code malformed-request} as problem+json, and the body never
 * reaches the logs.
 */
class UndecodableBodyTest {

    private static final TestBackendClients CLIENTS = TestBackendClients.generate();
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), CLIENTS.properties());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/introspect | token=%zzSECRETBODY",
            "/introspect | token=SECRETBODY%",
            "/introspect | token=SECRETBODY%4",
            "/revoke | token=%zzSECRETBODY",
            "/revoke | token=%G1SECRETBODY&token_type_hint=access_token",
            "/anon-session | audience=%zzSECRETBODY",
            "/anon-session/exchange | audience=%zzSECRETBODY"})
    void brokenPercentEncodingIsMalformedAndNotLogged(String path, String body) {
        HttpResponse<String> response;
        List<ILoggingEvent> events;
        try (LogCapture capture = LogCapture.start(Level.DEBUG, Level.TRACE)) {
            response = broker.post(path, body, "Content-Type", BackendCalls.FORM,
                    "Authorization", BackendCalls.basic("api", CLIENTS.apiSecret()));
            events = List.copyOf(capture.events());
        }

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("urn:anon-broker:problem:malformed-request", BrokerHarness.json(response).get("type").asText());
        assertFalse(response.body().contains("SECRETBODY"), response.body());
        for (ILoggingEvent event : events) {
            assertFalse(LeakScan.text(event).contains("SECRETBODY"), "the body was logged by " + event.getLoggerName());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/anon-session | gzip",
            "/introspect | gzip",
            "/revoke | deflate"})
    void aBodyThatDoesNotMatchItsContentEncodingIsMalformed(String path, String encoding) {
        HttpResponse<String> response = broker.post(path, "token=SECRETBODY", "Content-Type", BackendCalls.FORM,
                "Content-Encoding", encoding, "Authorization", BackendCalls.basic("api", CLIENTS.apiSecret()));

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:malformed-request", BrokerHarness.json(response).get("type").asText());
    }
}
