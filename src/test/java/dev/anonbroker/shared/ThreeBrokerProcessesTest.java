package dev.anonbroker.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.gate.pow.AltchaSolver;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.CreatedUsers;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.FrontendGoTrue;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.token.support.TestBackendClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static dev.anonbroker.support.BackendCalls.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three broker processes, A, B and C, on one redis-server on loopback, in front of one GoTrue emulator, act as one
 * broker: a session minted on A refreshes on B and is revoked on C, and is inactive on A; a proof of work spent on A
 * is spent on B; a GoTrue token exchanged on A is exchanged for B; discovery and JWKS are the same on all three and a
 * token of A verifies with B's keys; Redis restarted mid-run leaves the brokers answering (503
 * {@code shared-state-unavailable} where scale-out.md says, JWKS as usual, {@code /health} DEGRADED) and they
 * recover without a restart. Every user the brokers made is deleted by their queues (the sweep is off), and no other
 * user is touched.
 * Last, C is killed with SIGKILL, and A and B serve a session C minted.
 * Proof of work is on, so every mint here solves a challenge first. Rate limits across the three:
 * {@link ThreeBrokerProcessesRateLimitTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeBrokerProcessesTest {

    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final String SITE = "https://mysite.example";
    private static final String PROBLEM = "urn:anon-broker:problem:";
    private static final TestBackendClients CLIENTS = TestBackendClients.generate();

    private static RedisServer redis;
    private static GoTrueEmulator gotrue;
    private static BrokerProcesses brokers;
    private static List<EmulatedUser> bystanders;
    private static CreatedUsers created;
    /** The {@code sub} of every broker token these tests received: the GoTrue ids of the users minted for them. */
    private static final Set<String> mintedFor = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY));
        EmulatorAdmin admin = EmulatorAdmin.of(gotrue.baseUrl(), false);
        admin.createUser("visitor@example.com", Map.of(), null);
        // Shaped like a throwaway user, but no broker here queued it: the queues must leave it alone.
        admin.createUser(FrontendGoTrue.throwawayEmail(), EmulatorAdmin.marker("another-broker"), null);
        bystanders = gotrue.users();
        created = CreatedUsers.since(gotrue);

        Map<String, String> properties = BrokerProcesses.asText(CLIENTS.properties());
        properties.put("broker.pow.enabled", "true");
        properties.put("broker.pow.hmac-key", TestSecrets.random(32));
        properties.put("broker.pow.max-number", "1000");
        properties.put("broker.allowed-origins", SITE);
        properties.put("broker.redis.retry-after", "7s");
        properties.put("broker.sweep.enabled", "false");
        properties.put("broker.health.gotrue-check-interval", "100ms");
        brokers = BrokerProcesses.start(3, redis, gotrue.baseUrl(), properties);
    }

    @AfterAll
    static void stop() {
        BrokerProcesses.closeAll(brokers, gotrue, redis);
    }

    private static String solvedChallenge(int broker) {
        HttpResponse<String> challenge = brokers.get(broker, "/anon-session/challenge", "Origin", SITE);
        assertEquals(200, challenge.statusCode(), challenge.body());
        return AltchaSolver.payload(BrokerHarness.json(challenge));
    }

    private static HttpResponse<String> mint(int broker, String payload) {
        String body = BrokerHarness.JSON.createObjectNode().put("altcha", payload).toString();
        return remember(brokers.post(broker, "/anon-session", body, "Content-Type", "application/json",
                "Origin", SITE));
    }

    private static JsonNode newSession(int broker) {
        HttpResponse<String> response = mint(broker, solvedChallenge(broker));
        assertEquals(200, response.statusCode(), response.body());
        return BrokerHarness.json(response);
    }

    private static HttpResponse<String> exchange(int broker, String gotrueToken) {
        String body = BrokerHarness.JSON.createObjectNode().put("altcha", solvedChallenge(broker)).toString();
        return remember(brokers.post(broker, "/anon-session/exchange", body, "Authorization", "Bearer " + gotrueToken,
                "Content-Type", "application/json", "Origin", SITE));
    }

    private static HttpResponse<String> refresh(int broker, String refreshToken) {
        return brokers.post(broker, "/anon-session/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}",
                "Content-Type", "application/json", "Origin", SITE);
    }

    private static HttpResponse<String> introspect(int broker, String token) {
        return brokers.post(broker, "/introspect", BackendCalls.form(token), "Content-Type", BackendCalls.FORM,
                "Authorization", basic("api", CLIENTS.apiSecret()));
    }

    private static boolean active(int broker, String token) {
        HttpResponse<String> response = introspect(broker, token);
        assertEquals(200, response.statusCode(), response.body());
        return BrokerHarness.json(response).get("active").asBoolean();
    }

    private static String type(HttpResponse<String> response) {
        return BrokerHarness.json(response).path("type").asText();
    }

    /** Notes the user behind a minted token, so that the last test can check that it was deleted. */
    private static HttpResponse<String> remember(HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            mintedFor.add(BrokerHarness.subjectOf(BrokerHarness.json(response).get("access_token").asText()));
        }
        return response;
    }

    @Test
    void aSessionMintedOnARefreshesOnBIsRevokedOnCAndIsThenInactiveOnA() {
        JsonNode minted = newSession(A);
        String firstAccess = minted.get("access_token").asText();
        assertTrue(active(A, firstAccess), "active on A before the revocation");

        HttpResponse<String> refreshed = refresh(B, minted.get("refresh_token").asText());

        String latestAccess = BrokerHarness.accessTokenOf(refreshed);
        String latestRefresh = BrokerHarness.refreshTokenOf(refreshed);
        assertEquals(minted.get("session_id").asText(), BrokerHarness.json(refreshed).get("session_id").asText());
        assertNotEquals(firstAccess, latestAccess);
        assertTrue(active(A, latestAccess), "the token refreshed on B is active on A");

        HttpResponse<String> revoked = brokers.post(C, "/revoke", BackendCalls.form(latestAccess), "Content-Type",
                BackendCalls.FORM, "Authorization", basic("api", CLIENTS.apiSecret()));

        assertEquals(200, revoked.statusCode(), revoked.body());
        assertFalse(active(A, latestAccess), "revoked on C: inactive on A");
        assertFalse(active(A, firstAccess), "the session's earlier token too");
        assertFalse(active(B, latestAccess), "and on B");
        HttpResponse<String> refusedRefresh = refresh(A, latestRefresh);
        assertEquals(401, refusedRefresh.statusCode(), refusedRefresh.body());
        assertEquals(PROBLEM + "session-revoked", type(refusedRefresh));
    }

    @Test
    void aProofOfWorkSpentOnAIsRefusedOnBAndC() {
        String payload = solvedChallenge(A);

        HttpResponse<String> first = mint(A, payload);
        HttpResponse<String> onB = mint(B, payload);
        HttpResponse<String> onC = mint(C, payload);

        assertEquals(200, first.statusCode(), first.body());
        for (HttpResponse<String> replay : List.of(onB, onC)) {
            assertEquals(403, replay.statusCode(), replay.body());
            assertEquals(PROBLEM + "proof-of-work-replayed", type(replay));
        }
    }

    @Test
    void aGoTrueTokenExchangedOnAIsRefusedOnB() {
        String gotrueToken = FrontendGoTrue.signUpAndLogIn(gotrue.baseUrl(), FrontendGoTrue.throwawayEmail(),
                EmulatorAdmin.marker("frontend-test"));

        HttpResponse<String> first = exchange(A, gotrueToken);
        HttpResponse<String> replay = exchange(B, gotrueToken);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(401, replay.statusCode(), replay.body());
        assertEquals(PROBLEM + "invalid-token", type(replay));
        assertTrue(BrokerHarness.json(replay).get("detail").asText().contains("already exchanged"), replay.body());
    }

    @Test
    void discoveryAndJwksAreTheSameOnAllThreeAndATokenOfAVerifiesWithTheKeysOfBAndC() throws Exception {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/jwks.json")) {
            HttpResponse<String> onA = brokers.get(A, path);
            assertEquals(200, onA.statusCode(), path + ": " + onA.body());
            for (int broker : List.of(B, C)) {
                HttpResponse<String> other = brokers.get(broker, path);
                assertEquals(200, other.statusCode(), path + ": " + other.body());
                assertEquals(onA.body(), other.body(), path + " on broker " + broker + " and on A");
            }
        }
        JsonNode discovery = BrokerHarness.json(brokers.get(A, "/.well-known/openid-configuration"));
        assertEquals(BrokerProcesses.ISSUER, discovery.get("issuer").asText());
        assertEquals(BrokerProcesses.ISSUER + "/.well-known/jwks.json", discovery.get("jwks_uri").asText());
        assertFalse(brokers.get(A, "/.well-known/jwks.json").body().contains("\"d\""), "no private part is served");

        String token = newSession(A).get("access_token").asText();

        for (int broker : List.of(B, C)) {
            JWTClaimsSet claims = verifyWithKeysOf(broker, token);
            assertEquals(BrokerProcesses.ISSUER, claims.getIssuer());
            assertEquals(List.of("backend"), claims.getAudience());
        }
    }

    /** Verifies {@code token} as a backend would with broker {@code broker}'s JWKS, sharing no code with the broker. */
    private static JWTClaimsSet verifyWithKeysOf(int broker, String token) throws Exception {
        JWKSet keys = JWKSet.parse(brokers.get(broker, "/.well-known/jwks.json").body());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256),
                new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("backend",
                new JWTClaimsSet.Builder().issuer(BrokerProcesses.ISSUER).build(),
                Set.of("iss", "aud", "sub", "sid", "jti", "iat", "nbf", "exp", "client_id")));
        return processor.process(token, null);
    }

    @Test
    void withRedisRestartedTheBrokersKeepAnsweringAndRecoverWithoutARestart() {
        JsonNode before = newSession(A);
        String accessToken = before.get("access_token").asText();
        String jwks = brokers.get(A, "/.well-known/jwks.json").body();
        redis.stop();
        try {
            for (int broker = 0; broker < brokers.count(); broker++) {
                String which = "broker " + broker + ": ";
                assertSharedStateUnavailable(which + "mint", mint(broker, solvedChallenge(broker)));
                assertSharedStateUnavailable(which + "refresh", refresh(broker, before.get("refresh_token").asText()));
                HttpResponse<String> introspection = introspect(broker, accessToken);
                assertSharedStateUnavailable(which + "introspection", introspection);
                assertFalse(introspection.body().contains("\"active\""), introspection.body());

                HttpResponse<String> keys = brokers.get(broker, "/.well-known/jwks.json");
                assertEquals(200, keys.statusCode(), which + keys.body());
                assertEquals(jwks, keys.body(), which + "the same keys while Redis is down");
                assertEquals(200, brokers.get(broker, "/.well-known/openid-configuration").statusCode(), which);
                int each = broker;
                Await.until(which + "/health says DEGRADED (200), not DOWN", Duration.ofSeconds(10),
                        () -> "DEGRADED".equals(healthStatus(each)));
                assertTrue(brokers.isAlive(broker), which + "still running");
            }
        } finally {
            redis.startAgain();
        }

        Await.until("A mints again with Redis back", Duration.ofSeconds(30),
                () -> mint(A, solvedChallenge(A)).statusCode() == 200);
        String refreshToken = newSession(A).get("refresh_token").asText();
        Await.until("B refreshes a session of A again with Redis back", Duration.ofSeconds(30), () -> {
            HttpResponse<String> refreshed = refresh(B, refreshToken);
            if (refreshed.statusCode() == 503) {
                return false;
            }
            assertEquals(200, refreshed.statusCode(), refreshed.body());
            return true;
        });
        Await.until("C introspects again with Redis back", Duration.ofSeconds(30),
                () -> introspect(C, accessToken).statusCode() == 200);
        for (int broker = 0; broker < brokers.count(); broker++) {
            int each = broker;
            Await.until("broker " + broker + "'s /health says UP again", Duration.ofSeconds(10),
                    () -> "UP".equals(healthStatus(each)));
        }
        HttpResponse<String> lost = refresh(C, before.get("refresh_token").asText());
        assertEquals(401, lost.statusCode(), "this Redis keeps nothing across a restart: " + lost.body());
        assertEquals(PROBLEM + "invalid-token", type(lost));
    }

    /** The public {@code /health}'s status, which must be answered 200. */
    private static String healthStatus(int broker) {
        HttpResponse<String> health = brokers.get(broker, "/health");
        assertEquals(200, health.statusCode(), health.body());
        return BrokerHarness.json(health).get("status").asText();
    }

    private static void assertSharedStateUnavailable(String what, HttpResponse<String> response) {
        assertEquals(503, response.statusCode(), what + ": " + response.body());
        assertEquals(PROBLEM + "shared-state-unavailable", type(response), what);
        assertEquals("7", response.headers().firstValue("Retry-After").orElse(""), what + ": Retry-After");
        assertFalse(response.body().contains("access_token"), what + ": " + response.body());
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void everyUserTheBrokersMadeIsDeletedAndNoOtherUserIsTouched() {
        assertFalse(mintedFor.isEmpty(), "the tests above minted");

        Await.until("the brokers' queues deleted every user made since the start", Duration.ofSeconds(30),
                () -> created.ids().isEmpty());

        Set<String> remaining = gotrue.users().stream().map(EmulatedUser::id).collect(Collectors.toSet());
        assertTrue(mintedFor.stream().noneMatch(remaining::contains), "a minted-for user is left: " + mintedFor);
        assertEquals(bystanders, gotrue.users(), "the users that were there before, untouched");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void withCKilledBySigkillAAndBServeItsSessions() {
        JsonNode minted = newSession(C);
        Await.until("C deleted the user of its mint (its queue is its own)", Duration.ofSeconds(30),
                () -> created.ids().isEmpty());

        brokers.kill(C);

        assertFalse(brokers.isAlive(C));
        assertThrows(UncheckedIOException.class, () -> brokers.get(C, "/health"), "nothing listens on C any more");
        HttpResponse<String> refreshed = refresh(A, minted.get("refresh_token").asText());
        assertTrue(active(B, BrokerHarness.accessTokenOf(refreshed)), "C's session refreshed on A is active on B");
        assertEquals(200, brokers.get(B, "/health").statusCode());
    }
}
