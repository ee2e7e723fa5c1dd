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
import java.util.List;
import java.util.Map;

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

    /** A session with three tokens: the first and two refreshes, a minute apart. */
    private static List<String> session() {
        String first = broker.accessToken(null);
        clock.advance(Duration.ofMinutes(1));
        String second = BrokerHarness.accessTokenOf(broker.refresh(first));
        clock.advance(Duration.ofMinutes(1));
        return List.of(first, second, BrokerHarness.accessTokenOf(broker.refresh(second)));
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
        HttpResponse<String> refused = broker.refresh(tokens.get(tokens.size() - 1));
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
        assertEquals(200, broker.refresh(unrelated.get(2)).statusCode());
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
        JsonNode refused = BrokerHarness.json(broker.refresh(tokens.get(2)));
        assertTrue(refused.get("type").asText().endsWith("invalid-token"), "the tokens themselves have expired by then");
    }
}
