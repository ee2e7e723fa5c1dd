package dev.anonbroker.shared;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.token.support.TestBackendClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.anonbroker.support.BackendCalls.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two brokers on one Redis, with one {@code broker.issuer}, share refresh tokens and revocations: a token minted on
 * one refreshes on the other, the spent one presented again on the first is reuse and ends the session on both, and
 * a session revoked on one is inactive at introspection on the other. With Redis killed, introspection and refresh
 * answer 503 {@code shared-state-unavailable}, never {@code active: true} or a new token; with Redis back, both work
 * again without a restart of the brokers. Two refreshes of one token at once on both brokers: one rotates, the other is
 * reuse. A session is one Redis key named after its tokens' first 16 bytes (never the token), expiring at its end.
 */
class SharedSessionsTest {

    private static final TestBackendClients CLIENTS = TestBackendClients.generate();
    private static RedisServer redis;
    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        Map<String, Object> properties = CLIENTS.properties();
        properties.put("broker.issuer", "https://broker.test/auth");
        properties.put("broker.redis.retry-after", "7s");
        properties.put("broker.max-session-age", "1h");
        properties.put("broker.clock-skew", "30s");
        brokers = SharedBrokers.start(2, redis, properties);
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
    }

    private static JsonNode newSession(int broker) {
        HttpResponse<String> response = brokers.post(broker, "/anon-session", null);
        assertEquals(200, response.statusCode(), response.body());
        return BrokerHarness.json(response);
    }

    private static HttpResponse<String> refresh(int broker, String refreshToken) {
        return brokers.post(broker, "/anon-session/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}",
                "Content-Type", "application/json");
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
        return BrokerHarness.json(response).get("type").asText();
    }

    /** The Redis key of a session's refresh state: its tokens' first 16 bytes, base64url, never the token. */
    private static String refreshKey(String refreshToken) {
        byte[] name = Arrays.copyOf(Base64.getUrlDecoder().decode(refreshToken), 16);
        return "anon-broker:refresh:" + Base64.getUrlEncoder().withoutPadding().encodeToString(name);
    }

    private static String revokedKey(String sessionId) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
        return "anon-broker:revoked:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** Milliseconds until {@code key} expires, as Redis answers {@code PTTL}. */
    private static long millisToLive(String key) {
        return Long.parseLong(redis.send("PTTL " + key).substring(1));
    }

    @Test
    void aSessionIsOneKeyUnderItsTokensNameThatExpiresAtTheSessionsEnd() {
        JsonNode session = newSession(0);
        String refreshKey = refreshKey(session.get("refresh_token").asText());

        long ttl = millisToLive(refreshKey);

        long maxSessionAgePlusSkew = Duration.ofHours(1).plusSeconds(30).toMillis();
        assertTrue(ttl > maxSessionAgePlusSkew - 60_000 && ttl <= maxSessionAgePlusSkew, "PTTL " + ttl);
        assertEquals("$-1", redis.send("GET anon-broker:refresh:" + session.get("refresh_token").asText()),
                "the token itself is no key");
    }

    @Test
    void twoRefreshesOfOneTokenAtOnceOnTwoBrokersRotateOnceAndTheOtherIsReuse() {
        for (int round = 0; round < 5; round++) {
            String refreshToken = newSession(0).get("refresh_token").asText();
            CompletableFuture<HttpResponse<String>> onA = CompletableFuture.supplyAsync(() -> refresh(0, refreshToken));
            CompletableFuture<HttpResponse<String>> onB = CompletableFuture.supplyAsync(() -> refresh(1, refreshToken));

            List<HttpResponse<String>> answers = List.of(onA.join(), onB.join());

            assertEquals(1, answers.stream().filter(answer -> answer.statusCode() == 200).count(), answers.toString());
            HttpResponse<String> winner = answers.stream().filter(answer -> answer.statusCode() == 200).findFirst()
                    .orElseThrow();
            HttpResponse<String> loser = answers.stream().filter(answer -> answer != winner).findFirst().orElseThrow();
            assertEquals(401, loser.statusCode(), loser.body());
            assertEquals("urn:anon-broker:problem:refresh-token-reused", type(loser), "the second spend is reuse");
            HttpResponse<String> successor = refresh(0, BrokerHarness.refreshTokenOf(winner));
            assertEquals("urn:anon-broker:problem:session-revoked", type(successor), "reuse ended the session");
        }
    }

    @Test
    void aTokenMintedOnOneRefreshesOnTheOtherAndItsSpentTokenPresentedAgainEndsTheSession() {
        JsonNode first = newSession(0);
        String spent = first.get("refresh_token").asText();

        HttpResponse<String> rotated = refresh(1, spent);
        String current = BrokerHarness.refreshTokenOf(rotated);
        String latestAccess = BrokerHarness.accessTokenOf(rotated);
        assertNotEquals(spent, current);
        assertEquals(first.get("session_id").asText(), BrokerHarness.json(rotated).get("session_id").asText());
        assertTrue(active(0, latestAccess), "the token refreshed on B is active on A");

        HttpResponse<String> replayed = refresh(0, spent);

        assertEquals(401, replayed.statusCode(), replayed.body());
        assertEquals("urn:anon-broker:problem:refresh-token-reused", type(replayed));
        for (int broker = 0; broker < 2; broker++) {
            assertFalse(active(broker, first.get("access_token").asText()), "first token inactive on " + broker);
            assertFalse(active(broker, latestAccess), "latest token inactive on " + broker);
        }
        HttpResponse<String> currentRefused = refresh(1, current);
        assertEquals(401, currentRefused.statusCode(), currentRefused.body());
        assertEquals("urn:anon-broker:problem:session-revoked", type(currentRefused));
    }

    @Test
    void aSessionRevokedOnOneIsInactiveOnTheOther() throws Exception {
        JsonNode session = newSession(0);
        String accessToken = session.get("access_token").asText();
        assertTrue(active(0, accessToken), "active before the revocation");

        HttpResponse<String> revoked = brokers.post(1, "/revoke", BackendCalls.form(accessToken), "Content-Type",
                BackendCalls.FORM, "Authorization", basic("api", CLIENTS.apiSecret()));

        assertEquals(200, revoked.statusCode(), revoked.body());
        assertFalse(active(0, accessToken), "revoked on B: inactive on A");
        String revokedKey = revokedKey(session.get("session_id").asText());
        assertEquals("$14", redis.send("GET " + revokedKey), "the value is the revoker, BACKEND_CLIENT");
        assertTrue(millisToLive(revokedKey) <= Duration.ofHours(1).plusSeconds(30).toMillis());
        HttpResponse<String> refused = refresh(0, session.get("refresh_token").asText());
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("urn:anon-broker:problem:session-revoked", type(refused));
    }

    @Test
    void withRedisDownIntrospectionAndRefreshAre503AndWorkAgainOnceRedisIsBack() {
        JsonNode session = newSession(0);
        String accessToken = session.get("access_token").asText();
        assertTrue(active(1, accessToken), "Redis up: active");
        redis.stop();
        try {
            for (int broker = 0; broker < 2; broker++) {
                HttpResponse<String> introspection = introspect(broker, accessToken);
                assertEquals(503, introspection.statusCode(), introspection.body());
                assertEquals("urn:anon-broker:problem:shared-state-unavailable", type(introspection));
                assertEquals("7", introspection.headers().firstValue("Retry-After").orElse(""));
                assertFalse(introspection.body().contains("\"active\""), introspection.body());

                HttpResponse<String> refreshed = refresh(broker, session.get("refresh_token").asText());
                assertEquals(503, refreshed.statusCode(), refreshed.body());
                assertEquals("urn:anon-broker:problem:shared-state-unavailable", type(refreshed));
                assertFalse(refreshed.body().contains("access_token"), refreshed.body());
            }
        } finally {
            redis.startAgain();
        }

        for (int broker = 0; broker < 2; broker++) {
            int which = broker;
            Await.until("broker " + which + " introspects again with Redis back", Duration.ofSeconds(20),
                    () -> introspect(which, accessToken).statusCode() == 200);
            assertTrue(active(which, accessToken), "this Redis keeps nothing across a restart: nothing revoked");
        }
        String refreshToken = newSession(1).get("refresh_token").asText();
        HttpResponse<String> refreshed = refresh(0, refreshToken);
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        HttpResponse<String> lost = refresh(0, session.get("refresh_token").asText());
        assertEquals(401, lost.statusCode(), "a Redis without persistence forgot the session: " + lost.body());
        assertEquals("urn:anon-broker:problem:invalid-token", type(lost));
    }
}
