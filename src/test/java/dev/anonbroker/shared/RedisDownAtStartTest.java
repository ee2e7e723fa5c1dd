package dev.anonbroker.shared;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.gate.pow.AltchaSolver;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A broker whose Redis is down when it starts: it starts (the connection is opened at first use), refuses mints that
 * need a single-use check with 503, serves what needs none, and uses Redis as soon as it answers.
 */
class RedisDownAtStartTest {

    private static RedisServer redis;
    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        redis.stop();
        brokers = SharedBrokers.start(1, redis, Map.of("broker.pow.enabled", true,
                "broker.pow.hmac-key", TestSecrets.random(32), "broker.pow.max-number", 2_000));
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
    }

    private static HttpResponse<String> mint() {
        HttpResponse<String> challenge = brokers.get(0, "/anon-session/challenge");
        assertEquals(200, challenge.statusCode(), "the challenge needs no Redis: " + challenge.body());
        JsonNode solved = BrokerHarness.json(challenge);
        String body = BrokerHarness.JSON.createObjectNode().put("altcha", AltchaSolver.payload(solved)).toString();
        return brokers.post(0, "/anon-session", body, "Content-Type", "application/json");
    }

    @Test
    void refusesUntilRedisFirstAnswersThenMints() {
        HttpResponse<String> refused = mint();
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("urn:anon-broker:problem:shared-state-unavailable",
                BrokerHarness.json(refused).get("type").asText());
        assertEquals(200, brokers.get(0, "/.well-known/jwks.json").statusCode(), "what needs no Redis is served");

        redis.startAgain();

        Await.until("the broker connects to Redis and mints", Duration.ofSeconds(10), () -> mint().statusCode() == 200);
    }
}
