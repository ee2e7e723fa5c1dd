package dev.anonbroker.client;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /anon-session.js} and its worker over real HTTP, on a broker with an origin allow-list: the bytes the
 * build put into the jar, cacheable with a strong ETag, and CORS for the allowed origin only.
 */
class ClientScriptControllerTest {

    private static final String ALLOWED = "https://site.example";
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.allowed-origins", ALLOWED + ",https://*--site.netlify.app"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest(name = "{0} is the built file, as cacheable JavaScript")
    @ValueSource(strings = {ClientScriptController.MODULE_PATH, ClientScriptController.WORKER_PATH})
    void scriptIsServedAsCacheableJavaScript(String path) throws IOException {
        HttpResponse<String> response = broker.get(path);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(built(path), response.body());
        assertEquals("text/javascript; charset=utf-8", header(response, "Content-Type"));
        assertEquals("public, max-age=300", header(response, "Cache-Control"));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertTrue(header(response, "Vary").contains("Origin"));
        String etag = header(response, "ETag");
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{43}\""), "a strong tag: " + etag);
    }

    @Test
    void moduleExportsTheClientAndNamesTheServedWorker() throws IOException {
        String module = broker.get(ClientScriptController.MODULE_PATH).body();

        assertTrue(module.contains("createAnonSession"), "the module's export");
        assertTrue(module.contains("\"anon-session-pow-worker.js\""), "the worker under the name the broker serves");
    }

    @Test
    void theTwoScriptsHaveDifferentTags() {
        assertNotEquals(header(broker.get(ClientScriptController.MODULE_PATH), "ETag"),
                header(broker.get(ClientScriptController.WORKER_PATH), "ETag"));
    }

    @Test
    void matchingIfNoneMatchAnswers304WithoutBody() {
        String etag = header(broker.get(ClientScriptController.MODULE_PATH), "ETag");

        HttpResponse<String> strong = broker.get(ClientScriptController.MODULE_PATH, "If-None-Match", etag);
        HttpResponse<String> weakInList = broker.get(ClientScriptController.MODULE_PATH,
                "If-None-Match", "\"other\", W/" + etag);

        for (HttpResponse<String> response : java.util.List.of(strong, weakInList)) {
            assertEquals(304, response.statusCode());
            assertEquals("", response.body());
            assertEquals(etag, header(response, "ETag"));
            assertEquals("public, max-age=300", header(response, "Cache-Control"));
        }
    }

    @Test
    void staleIfNoneMatchAnswersTheScript() {
        HttpResponse<String> response = broker.get(ClientScriptController.MODULE_PATH, "If-None-Match", "\"stale\"");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("createAnonSession"));
    }

    @Test
    void allowedOriginIsEchoedForCorsModeFetches() {
        HttpResponse<String> exact = broker.get(ClientScriptController.MODULE_PATH, "Origin", ALLOWED);
        HttpResponse<String> preview = broker.get(ClientScriptController.WORKER_PATH,
                "Origin", "https://deploy-preview-7--site.netlify.app");

        assertEquals(200, exact.statusCode());
        assertEquals(ALLOWED, header(exact, "Access-Control-Allow-Origin"));
        assertEquals("https://deploy-preview-7--site.netlify.app", header(preview, "Access-Control-Allow-Origin"));
        assertFalse(exact.headers().firstValue("Access-Control-Allow-Credentials").isPresent(), "never credentials");
    }

    @Test
    void foreignOriginGetsTheBytesButNoCorsHeader() {
        HttpResponse<String> response = broker.get(ClientScriptController.MODULE_PATH, "Origin", "https://evil.example");

        assertEquals(200, response.statusCode(), "not refused: the script is public, the browser enforces CORS");
        assertFalse(response.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void requestWithoutOriginIsServedOnAnAllowListedBroker() {
        HttpResponse<String> response = broker.get(ClientScriptController.MODULE_PATH);

        assertEquals(200, response.statusCode(), "the session endpoints' origin gate does not cover the scripts");
        assertFalse(response.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    private static String built(String path) throws IOException {
        String resource = path.equals(ClientScriptController.MODULE_PATH)
                ? ClientScripts.MODULE_RESOURCE : ClientScripts.WORKER_RESOURCE;
        try (InputStream in = ClientScriptControllerTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is missing: the build did not run src/client/build.mjs");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }
}
