package dev.anonbroker.gotrue;

import com.sun.net.httpserver.HttpServer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A GoTrue that answers 302 to another host: the broker must not follow it (Micronaut's client would, copying
 * {@code Authorization} and {@code apikey} to the {@code Location} host). The redirect is a GoTrue failure.
 */
class GoTrueRedirectTest {

    private HttpServer elsewhere;
    private HttpServer redirecting;
    private final List<String> receivedElsewhere = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServers() throws IOException {
        elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        elsewhere.createContext("/", exchange -> {
            receivedElsewhere.add(exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + " authorization=" + exchange.getRequestHeaders().containsKey("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        elsewhere.start();
        redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort()
                    + exchange.getRequestURI());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirecting.start();
    }

    @AfterEach
    void stopServers() {
        redirecting.stop(0);
        elsewhere.stop(0);
    }

    @Test
    void redirectIsNotFollowedAndAnswers503() {
        Map<String, Object> properties = BrokerHarness.remoteVerification(EmulatorFlavor.NETLIFY);
        properties.put("broker.gotrue.url", "http://127.0.0.1:" + redirecting.getAddress().getPort());
        properties.put("broker.gotrue.mode", "admin-create");
        try (LogCapture logs = LogCapture.start(Level.INFO, Level.DEBUG);
             BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                     properties)) {
            HttpResponse<String> response = broker.post("/anon-session", null);
            String logged = String.join("\n", logs.events().stream().map(ILoggingEvent::getFormattedMessage).toList());

            assertEquals(503, response.statusCode(), response.body());
            assertEquals("gotrue-unavailable", BrokerHarness.json(response).get("type").asText().replaceAll(".*:", ""));
            assertEquals(List.of(), receivedElsewhere, "the Location host received nothing");
            assertTrue(logged.contains("failed: SERVER_ERROR (HTTP 302) code=redirect"), logged);
            assertTrue(!logged.contains("Location") && !logged.contains(BrokerHarness.adminToken(
                    EmulatorFlavor.NETLIFY)), "no Location, no credential in the logs");
        }
    }
}
