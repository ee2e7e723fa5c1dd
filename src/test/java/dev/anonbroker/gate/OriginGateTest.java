package dev.anonbroker.gate;

import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.CreatedUsers;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * broker.allowed-origins as Origin allow-list and CORS configuration, in both directions, over HTTP.
 */
class OriginGateTest {

    private static final String SITE = "https://mysite.netlify.app";
    private static final String PREVIEW = "https://deploy-preview-42--mysite.netlify.app";
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.allowed-origins", List.of(SITE, "https://*--mysite.netlify.app")));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static HttpResponse<String> preflight(String origin) {
        return BrokerHarness.send(HttpRequest.newBuilder(broker.uri("/anon-session"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build());
    }

    @ParameterizedTest(name = "preflight from {0} is allowed")
    @ValueSource(strings = {SITE, PREVIEW})
    void preflightFromAnAllowedOriginIsAnswered(String origin) {
        HttpResponse<String> response = preflight(origin);

        assertTrue(response.statusCode() == 200 || response.statusCode() == 204, "status " + response.statusCode());
        assertEquals(origin, response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        assertFalse(response.headers().firstValue("Access-Control-Allow-Credentials").isPresent());
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"https://evil.example", "https://a.b--mysite.netlify.app", "http://mysite.netlify.app",
            "https://mysite.netlify.app.evil.example", "null"})
    void disallowedOriginsGet403WithoutCorsHeadersAndCreateNoUser(String origin) {
        CreatedUsers usersBefore = CreatedUsers.since(broker.emulator());

        HttpResponse<String> preflight = preflight(origin);
        HttpResponse<String> post = broker.post("/anon-session", null, "Origin", origin);

        assertEquals(403, preflight.statusCode());
        assertEquals(403, post.statusCode());
        assertEquals("urn:anon-broker:problem:origin-not-allowed", BrokerHarness.json(post).get("type").asText());
        assertFalse(post.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        assertEquals(List.of(), usersBefore.ids(), "no GoTrue user was created");
    }

    @Test
    void aRequestWithoutOriginIsRefusedWhenAListIsConfigured() {
        HttpResponse<String> response = broker.post("/anon-session", null);

        assertEquals(403, response.statusCode());
    }

    @Test
    void aGetWithoutOriginIsAnsweredAsBrowsersSendNoneOnTheSiteOwnOrigin() {
        HttpResponse<String> response = BrokerHarness.send(HttpRequest.newBuilder(broker.uri("/anon-session/requirements"))
                .GET().build());

        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @ParameterizedTest(name = "POST from {0}")
    @ValueSource(strings = {SITE, PREVIEW})
    void allowedOriginGetsATokenCarryingItsOrigin(String origin) throws Exception {
        HttpResponse<String> response = broker.post("/anon-session", null, "Origin", origin);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(origin, response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        String token = BrokerHarness.json(response).get("access_token").asText();
        assertEquals(origin, SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("origin"));
        broker.awaitNoThrowawayUsers();
    }

    @Test
    void anEmptyListAllowsAnyOriginButPutsNoOriginClaim() throws Exception {
        try (BrokerHarness open = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of())) {
            HttpResponse<String> response = open.post("/anon-session", null, "Origin", "https://anything.example");

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("https://anything.example", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            String token = BrokerHarness.json(response).get("access_token").asText();
            assertEquals(null, SignedJWT.parse(token).getJWTClaimsSet().getClaim("origin"));
            open.awaitNoThrowawayUsers();
        }
    }
}
