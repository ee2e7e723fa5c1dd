package dev.anonbroker.shared;

import io.lettuce.core.RedisClient;
import io.micronaut.configuration.lettuce.health.RedisHealthIndicator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without {@code redis.uri} (and no Redis running), a broker keeps its single-use sets in memory as before: no Redis
 * client is made, no Redis health indicator exists, {@code /health} is UP, and a replay on the same broker is refused.
 */
class WithoutRedisTest {

    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        brokers = SharedBrokers.start(2, null, Map.of());
    }

    @AfterAll
    static void stop() {
        brokers.close();
    }

    @Test
    void noRedisClientConnectionOrHealthIndicatorAndTheSetsAreLocal() {
        var context = brokers.context(0);
        brokers.post(0, "/anon-session", null);

        assertInstanceOf(CaffeineSingleUseSets.class, context.getBean(SingleUseSets.class));
        assertTrue(context.findBean(SharedRedis.class).isEmpty());
        assertTrue(context.getActiveBeanRegistrations(RedisClient.class).isEmpty(), "no Redis client was made");
        assertFalse(context.containsBean(RedisHealthIndicator.class));
        HttpResponse<String> health = brokers.getManagement(0, "/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"UP\""), health.body());
        assertFalse(health.body().toLowerCase().contains("redis"), health.body());
    }

    @Test
    void eachBrokerAcceptsAGoTrueTokenOnceOnItsOwn() {
        String gotrueToken = dev.anonbroker.support.FrontendGoTrue.signUpAndLogIn(brokers.emulator().baseUrl(),
                dev.anonbroker.support.FrontendGoTrue.throwawayEmail(),
                dev.anonbroker.support.EmulatorAdmin.marker("frontend-test"));

        HttpResponse<String> first = brokers.post(0, "/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken);
        HttpResponse<String> again = brokers.post(0, "/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(401, again.statusCode(), again.body());
        assertTrue(dev.anonbroker.support.BrokerHarness.json(again).get("detail").asText().contains("already exchanged"));
    }
}
