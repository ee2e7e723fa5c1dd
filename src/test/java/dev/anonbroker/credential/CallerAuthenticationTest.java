package dev.anonbroker.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.FrontendGoTrue;
import dev.anonbroker.support.MutableClock;
import dev.anonbroker.support.SweepOperator;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.token.support.TestBackendClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.anonbroker.support.BackendCalls.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who each credential authenticates as through micronaut-security (seen by its {@code SecurityService}), and how an
 * endpoint refuses a caller of the wrong kind: always 401 with the endpoint's own challenge, never 403, with the
 * verifier's reason where the endpoint takes a broker token.
 */
class CallerAuthenticationTest {

    private static final TestBackendClients CLIENTS = TestBackendClients.generate();
    private static MutableClock clock;
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now());
        Map<String, Object> properties = CLIENTS.properties();
        properties.putAll(SweepOperator.manualSweeps("2m"));
        properties.put("spec.name", "CallerAuthenticationTest");
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties, clock);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void resetClock() {
        clock.set(Instant.now());
    }

    private static JsonNode caller(String authorization) {
        HttpResponse<String> response = broker.get("/test/caller", "Authorization", authorization);
        assertEquals(200, response.statusCode(), response.body());
        return BrokerHarness.json(response);
    }

    @Test
    void aBrokerTokenAuthenticatesItsHolderWithTheClaimsAsAttributes() throws Exception {
        String token = broker.accessToken("reports");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

        JsonNode caller = caller("Bearer " + token);

        assertEquals(claims.getSubject(), caller.get("name").asText());
        assertEquals("[\"" + Roles.SESSION_HOLDER + "\"]", caller.get("roles").toString());
        JsonNode attributes = caller.get("attributes");
        assertEquals(claims.getStringClaim("sid"), attributes.get("sid").asText());
        assertEquals("reports", attributes.get("aud").asText());
        assertEquals(claims.getJWTID(), attributes.get("jti").asText());
        assertEquals(claims.getExpirationTime().toInstant().getEpochSecond(), attributes.get("exp").asLong());
        assertEquals(claims.getLongClaim("auth_time"), attributes.get("auth_time").asLong());
    }

    @Test
    void aBackendClientAuthenticatesByBasicWithItsAudiences() {
        JsonNode caller = caller(basic("reports", CLIENTS.reportsSecret()));

        assertEquals("reports", caller.get("name").asText());
        assertEquals("[\"" + Roles.BACKEND_CLIENT + "\"]", caller.get("roles").toString());
        assertEquals("[\"reports\"]", caller.get("attributes").get("audiences").toString());
    }

    @Test
    void theOperatorTokenAuthenticatesTheOperator() {
        JsonNode caller = caller("Bearer " + TestSecrets.SWEEP_OPERATOR_TOKEN);

        assertEquals("[\"" + Roles.OPERATOR + "\"]", caller.get("roles").toString());
    }

    @Test
    void aGoTrueTokenAuthenticatesAsNothingAndIsStillExchanged() {
        String gotrueToken = FrontendGoTrue.signUpAndLogIn(broker.emulator().baseUrl(),
                FrontendGoTrue.throwawayEmail(), EmulatorAdmin.marker("caller-test"));

        assertFalse(caller("Bearer " + gotrueToken).get("authenticated").asBoolean());
        assertNoBearerRefreshes(broker.post("/anon-session/refresh", null, "Authorization", "Bearer " + gotrueToken));
        HttpResponse<String> exchanged = broker.post("/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken);
        assertEquals(200, exchanged.statusCode(), exchanged.body());
        broker.awaitNoThrowawayUsers();
    }

    @Test
    void refreshRefusalsKeepTheirReasons() {
        String token = broker.accessToken(null);
        clock.advance(Duration.ofMinutes(11));

        assertNoBearerRefreshes(broker.post("/anon-session/refresh", null, "Authorization", "Bearer " + token));
        assertInvalidToken(broker.refresh("a b"), "The refresh token is not one of this broker's live sessions.");
        assertInvalidToken(broker.refresh(token), "The refresh token is not one of this broker's live sessions.");
        assertNoBearerRefreshes(broker.post("/anon-session/refresh", null));
    }

    @Test
    void aCallerOfTheWrongKindGets401WithTheEndpointsChallenge() {
        String token = broker.accessToken(null);
        String client = basic("api", CLIENTS.apiSecret());

        assertNoBearerRefreshes(broker.post("/anon-session/refresh", null, "Authorization", client));
        assertInvalidToken(BackendCalls.revoke(broker, "Bearer " + TestSecrets.SWEEP_OPERATOR_TOKEN, token),
                "Refused because the broker token is malformed.");
        HttpResponse<String> holderAtIntrospect = BackendCalls.introspect(broker, "Bearer " + token, token);
        assertEquals(401, holderAtIntrospect.statusCode(), holderAtIntrospect.body());
        assertEquals("Basic realm=\"anon-broker\"", holderAtIntrospect.headers().firstValue("WWW-Authenticate").orElse(""));
        HttpResponse<String> holderAtSweep = broker.post("/sweep", null, "Authorization", "Bearer " + token);
        assertEquals(401, holderAtSweep.statusCode(), holderAtSweep.body());
        assertEquals("Bearer realm=\"anon-broker operator\", error=\"invalid_token\"",
                holderAtSweep.headers().firstValue("WWW-Authenticate").orElse(""));
        HttpResponse<String> clientAtSweep = broker.post("/sweep", null, "Authorization", client);
        assertEquals("Bearer realm=\"anon-broker operator\"", clientAtSweep.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    /** Refresh takes its refresh token from the body only: whatever the Authorization header, none is 400. */
    private static void assertNoBearerRefreshes(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode problem = BrokerHarness.json(response);
        assertEquals("urn:anon-broker:problem:malformed-request", problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains("refresh_token"), response.body());
    }

    private static void assertInvalidToken(HttpResponse<String> response, String detail) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = BrokerHarness.json(response);
        assertEquals("urn:anon-broker:problem:invalid-token", problem.get("type").asText());
        assertEquals(detail, problem.get("detail").asText());
        assertFalse(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    }
}
