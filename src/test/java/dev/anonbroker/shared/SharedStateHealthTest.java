package dev.anonbroker.shared;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /health} with a shared Redis: UP while Redis answers; while it does not, DEGRADED with 200 on the public
 * port and on the management port (whose {@code shared-state} component says Redis does not answer), never DOWN;
 * UP again once Redis is back, without a restart.
 */
class SharedStateHealthTest {

    private static RedisServer redis;
    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        brokers = SharedBrokers.start(1, redis, Map.of("broker.health.gotrue-check-interval", "100ms"));
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
    }

    @Test
    void healthIsDegradedWhileRedisIsDownAndUpAgainAfter() {
        assertEquals("UP", publicStatus());
        JsonNode detailed = managementHealth(200);
        assertEquals("UP", detailed.get("status").asText());
        assertTrue(detailed.at("/details/shared-state/details/answering").asBoolean(), detailed.toString());

        redis.stop();
        try {
            Await.until("public /health says DEGRADED", Duration.ofSeconds(10), () -> "DEGRADED".equals(publicStatus()));
            JsonNode degraded = managementHealth(200);
            assertEquals("DEGRADED", degraded.get("status").asText(), degraded.toString());
            assertEquals("DEGRADED", degraded.at("/details/shared-state/status").asText());
            assertFalse(degraded.at("/details/shared-state/details/answering").asBoolean(true));
            assertEquals("UP", degraded.at("/details/gotrue/status").asText());
            HttpResponse<String> jwks = brokers.get(0, "/.well-known/jwks.json");
            assertEquals(200, jwks.statusCode(), "verification keys are still served");
        } finally {
            redis.startAgain();
        }
        Await.until("public /health says UP again", Duration.ofSeconds(15), () -> "UP".equals(publicStatus()));
        assertEquals("UP", managementHealth(200).get("status").asText());
    }

    private static String publicStatus() {
        HttpResponse<String> response = brokers.get(0, "/health");
        assertEquals(200, response.statusCode(), response.body());
        return BrokerHarness.json(response).get("status").asText();
    }

    private static JsonNode managementHealth(int expectedStatus) {
        HttpResponse<String> response = brokers.getManagement(0, "/health");
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return BrokerHarness.json(response);
    }
}
