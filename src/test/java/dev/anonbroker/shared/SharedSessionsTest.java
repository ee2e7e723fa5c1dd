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
import java.time.Duration;
import java.util.Map;

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
 * again without a restart of the brokers.
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
        brokers = SharedBrokers.start(2, redis, properties);
    }

    @AfterAll
    static void stop() {
        if (brokers != null) {
            brokers.close();
        }
        if (redis != null) {
            redis.close();
        }
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
    void aSessionRevokedOnOneIsInactiveOnTheOther() {
        JsonNode session = newSession(0);
        String accessToken = session.get("access_token").asText();
        assertTrue(active(0, accessToken), "active before the revocation");

        HttpResponse<String> revoked = brokers.post(1, "/revoke", BackendCalls.form(accessToken), "Content-Type",
                BackendCalls.FORM, "Authorization", basic("api", CLIENTS.apiSecret()));

        assertEquals(200, revoked.statusCode(), revoked.body());
        assertFalse(active(0, accessToken), "revoked on B: inactive on A");
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
