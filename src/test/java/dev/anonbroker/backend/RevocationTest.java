package dev.anonbroker.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.MutableClock;
import dev.anonbroker.token.support.TestBackendClients;
import dev.anonbroker.token.support.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static dev.anonbroker.support.BackendCalls.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /revoke (RFC 7009) against a real broker: the holder or a backend client ends a whole session, which
 * introspection and refresh then refuse for every token of it; other sessions stay active; revocations are forgotten
 * once the session could not have a valid token any more.
 */
class RevocationTest {

    private static final TestBackendClients CLIENTS = TestBackendClients.generate();
    private static final String API_SECRET = CLIENTS.apiSecret();
    private static final String REPORTS_SECRET = CLIENTS.reportsSecret();
    private static MutableClock clock;
    private static BrokerHarness broker;


    @BeforeAll
    static void start() {
        Map<String, Object> properties = CLIENTS.properties();
        properties.put("broker.max-session-age", "1h");
        properties.put("broker.clock-skew", "30s");
        properties.put("broker.signing.jwks", TestKeys.jwks(TestKeys.ec("signing")));
        clock = new MutableClock(Instant.now());
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE), properties, clock);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void resetClock() {
        clock.set(Instant.now());
    }

    /** A session's current refresh token, by the session's last access token. */
    private static final Map<String, String> REFRESH_TOKENS = new ConcurrentHashMap<>();

    /** A session with three access tokens: the first and two refreshes, a minute apart. */
    private static List<String> session() {
        List<String> tokens = new ArrayList<>();
        HttpResponse<String> response = broker.post("/anon-session", null);
        tokens.add(BrokerHarness.accessTokenOf(response));
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofMinutes(1));
            response = broker.refresh(BrokerHarness.refreshTokenOf(response));
            tokens.add(BrokerHarness.accessTokenOf(response));
        }
        REFRESH_TOKENS.put(tokens.get(2), BrokerHarness.refreshTokenOf(response));
        return tokens;
    }

    /** Refresh of the session whose last access token is {@code lastAccessToken}. */
    private static HttpResponse<String> refreshAfter(String lastAccessToken) {
        return broker.refresh(REFRESH_TOKENS.get(lastAccessToken));
    }

    private static boolean active(String token) {
        HttpResponse<String> response = BackendCalls.introspect(broker, basic("api", API_SECRET), token);
        assertEquals(200, response.statusCode(), response.body());
        return BrokerHarness.json(response).get("active").asBoolean();
    }

    private static void assertSessionRevoked(List<String> tokens) {
        for (String token : tokens) {
            assertFalse(active(token), "every token of the revoked session is inactive");
        }
        HttpResponse<String> refused = refreshAfter(tokens.get(tokens.size() - 1));
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("urn:anon-broker:problem:session-revoked", BrokerHarness.json(refused).get("type").asText());
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    void theHolderRevokesItsWholeSession() {
        List<String> tokens = session();
        List<String> unrelated = session();
        tokens.forEach(token -> assertTrue(active(token)));

        HttpResponse<String> response = BackendCalls.revoke(broker, "Bearer " + tokens.get(2), tokens.get(1));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertSessionRevoked(tokens);
        unrelated.forEach(token -> assertTrue(active(token), "another session stays active"));
        assertEquals(200, refreshAfter(unrelated.get(2)).statusCode());
    }

    @Test
    void aBackendClientRevokesAWholeSession() {
        List<String> tokens = session();
        List<String> unrelated = session();

        assertEquals(200, BackendCalls.revoke(broker, basic("api", API_SECRET), tokens.get(0)).statusCode());

        assertSessionRevoked(tokens);
        unrelated.forEach(token -> assertTrue(active(token), "another session stays active"));
    }

    @Test
    void revokingAgainWithARevokedBearerIsHarmless() {
        List<String> tokens = session();
        assertEquals(200, BackendCalls.revoke(broker, "Bearer " + tokens.get(2), tokens.get(2)).statusCode());

        assertEquals(200, BackendCalls.revoke(broker, "Bearer " + tokens.get(2), tokens.get(2)).statusCode());
        assertSessionRevoked(tokens);
    }

    @Test
    void anInvalidOrUnknownTokenIsAnswered200AndRevokesNothing() {
        String other = session().get(0);
        String valid = broker.accessToken(null);
        String badSignature = valid.replaceAll("\\.[^.]*$", ".AAAA");

        for (String token : List.of("not-a-jwt", badSignature)) {
            assertEquals(200, BackendCalls.revoke(broker, basic("api", API_SECRET), token).statusCode());
            assertEquals(200, BackendCalls.revoke(broker, "Bearer " + other, token).statusCode());
        }
        assertTrue(active(other));
        assertTrue(active(valid), "a token with a bad signature does not revoke the session whose sid it carries");
    }

    @Test
    void aHolderCannotRevokeAnotherSession() {
        String mine = session().get(0);
        String theirs = session().get(0);

        HttpResponse<String> response = BackendCalls.revoke(broker, "Bearer " + mine, theirs);

        assertEquals(403, response.statusCode(), response.body());
        assertTrue(active(theirs));
        assertTrue(active(mine));
    }

    @Test
    void aClientCannotRevokeTokensOfAudiencesItMayNotSee() {
        String token = session().get(0);

        assertEquals(200, BackendCalls.revoke(broker, basic("reports", REPORTS_SECRET), token).statusCode());

        assertTrue(active(token), "the reports client may not see backend tokens, so it cannot revoke them");
    }

    @Test
    void unauthenticatedOrBadCallersGet401AndMissingTokens400() {
        String token = session().get(0);

        HttpResponse<String> anonymous = broker.post("/revoke", BackendCalls.form(token), "Content-Type", BackendCalls.FORM);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm=\"anon-broker\""));
        HttpResponse<String> wrongSecret = BackendCalls.revoke(broker, basic("api", REPORTS_SECRET), token);
        assertEquals(401, wrongSecret.statusCode(), wrongSecret.body());
        assertEquals("Basic realm=\"anon-broker\"", wrongSecret.headers().firstValue("WWW-Authenticate").orElse(""));
        HttpResponse<String> badBearer = BackendCalls.revoke(broker, "Bearer not-a-jwt", token);
        assertEquals(401, badBearer.statusCode(), badBearer.body());
        assertTrue(badBearer.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        HttpResponse<String> missing = broker.post("/revoke", "", "Content-Type", BackendCalls.FORM,
                "Authorization", basic("api", API_SECRET));
        assertEquals(400, missing.statusCode(), missing.body());
        assertTrue(active(token));
    }

    @Test
    void aRevocationIsForgottenOnceTheSessionsMaximumAgeHasPassed() throws Exception {
        Instant start = clock.instant();
        List<String> tokens = session();
        String sid = SignedJWT.parse(tokens.get(0)).getJWTClaimsSet().getStringClaim("sid");
        RevocationList revocations = broker.context().getBean(RevocationList.class);
        assertEquals(200, BackendCalls.revoke(broker, basic("api", API_SECRET), tokens.get(2)).statusCode());

        clock.set(start.plus(Duration.ofMinutes(60)).plusSeconds(25));
        assertTrue(revocations.isRevoked(sid), "kept while a token of the session could still pass with clock skew");
        clock.set(start.plus(Duration.ofMinutes(60)).plusSeconds(31));
        assertFalse(revocations.isRevoked(sid), "forgotten after auth_time + max-session-age + clock skew");
        JsonNode refused = BrokerHarness.json(refreshAfter(tokens.get(2)));
        assertTrue(refused.get("type").asText().endsWith("invalid-token"), "the session is forgotten by then");
    }

    @Test
    void aFullHolderShareNeverBlocksABackendClient() {
        Map<String, Object> properties = CLIENTS.properties();
        properties.put("broker.revocation.max-sessions", "5");
        properties.put("broker.revocation.max-holder-sessions", "2");
        try (BrokerHarness small = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE), properties)) {
            for (int i = 0; i < 2; i++) {
                String token = small.accessToken(null);
                assertEquals(200, BackendCalls.revoke(small, "Bearer " + token, token).statusCode(), "holder " + i);
            }
            String holders = small.accessToken(null);
            HttpResponse<String> holderRefused = BackendCalls.revoke(small, "Bearer " + holders, holders);
            assertEquals(503, holderRefused.statusCode(), holderRefused.body());
            assertEquals("urn:anon-broker:problem:revocation-unavailable", BrokerHarness.json(holderRefused).get("type").asText());

            for (int i = 0; i < 3; i++) {
                String token = small.accessToken(null);
                assertEquals(200, BackendCalls.revoke(small, basic("api", API_SECRET), token).statusCode(), "backend " + i);
                HttpResponse<String> introspected = BackendCalls.introspect(small, basic("api", API_SECRET), token);
                assertFalse(BrokerHarness.json(introspected).get("active").asBoolean(), "backend revocation " + i + " holds");
            }
        }
    }

    @Test
    void revokeHasTheSessionEndpointsCorsForAllowedOrigins() {
        Map<String, Object> properties = CLIENTS.properties();
        properties.put("broker.allowed-origins", "https://site.example");
        try (BrokerHarness cors = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE), properties)) {
            HttpResponse<String> preflight = BrokerHarness.send(java.net.http.HttpRequest.newBuilder(cors.uri("/revoke"))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://site.example").header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization, content-type").build());
            assertEquals(204, preflight.statusCode(), preflight.body());
            assertEquals("https://site.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
            assertFalse(preflight.headers().firstValue("Access-Control-Allow-Credentials").isPresent());

            String token = BrokerHarness.accessTokenOf(cors.post("/anon-session", null, "Origin", "https://site.example"));
            HttpResponse<String> revoked = cors.post("/revoke", BackendCalls.form(token), "Content-Type", BackendCalls.FORM,
                    "Authorization", "Bearer " + token, "Origin", "https://site.example");
            assertEquals(200, revoked.statusCode(), revoked.body());
            assertEquals("https://site.example", revoked.headers().firstValue("Access-Control-Allow-Origin").orElse(""));

            HttpResponse<String> strangerPreflight = BrokerHarness.send(java.net.http.HttpRequest.newBuilder(cors.uri("/revoke"))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").build());
            assertFalse(strangerPreflight.headers().firstValue("Access-Control-Allow-Origin").isPresent());
            HttpResponse<String> backend = BackendCalls.revoke(cors, basic("api", API_SECRET), token);
            assertEquals(200, backend.statusCode(), "backend clients need no Origin: " + backend.body());
        }
    }
}
