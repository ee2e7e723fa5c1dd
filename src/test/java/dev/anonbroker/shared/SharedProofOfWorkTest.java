package dev.anonbroker.shared;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.gate.pow.AltchaSolver;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.LogCapture;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two brokers on one Redis with proof of work on: a solved challenge spent on one is refused on the other, it is kept
 * under its digest (never the value), and with Redis gone a mint is refused with 503 {@code shared-state-unavailable}
 * until Redis is back, without a restart of the brokers.
 */
class SharedProofOfWorkTest {

    private static final String SITE = "https://mysite.example";
    private static RedisServer redis;
    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        brokers = SharedBrokers.start(2, redis, Map.of("broker.pow.enabled", true,
                "broker.pow.hmac-key", TestSecrets.random(32), "broker.pow.max-number", 5_000,
                "broker.allowed-origins", List.of(SITE), "broker.redis.retry-after", "7s"));
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
    }

    private static JsonNode challenge(int broker) {
        HttpResponse<String> response = brokers.get(broker, "/anon-session/challenge", "Origin", SITE);
        assertEquals(200, response.statusCode(), response.body());
        return BrokerHarness.json(response);
    }

    private static HttpResponse<String> mint(int broker, String payload) {
        String body = BrokerHarness.JSON.createObjectNode().put("altcha", payload).toString();
        return brokers.post(broker, "/anon-session", body, "Content-Type", "application/json", "Origin", SITE);
    }

    private static String problemType(HttpResponse<String> response) {
        return BrokerHarness.json(response).get("type").asText();
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSolutionSpentOnOneBrokerIsRefusedOnTheOtherAndKeptOnlyAsADigest() {
        JsonNode challenge = challenge(0);
        String payload = AltchaSolver.payload(challenge);

        HttpResponse<String> first = mint(0, payload);
        HttpResponse<String> replay = mint(1, payload);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(403, replay.statusCode(), replay.body());
        assertEquals("urn:anon-broker:problem:proof-of-work-replayed", problemType(replay));
        String hash = challenge.get("challenge").asText();
        assertEquals(":1", redis.send("EXISTS anon-broker:proof-of-work:" + digest(hash)));
        assertEquals(":0", redis.send("EXISTS anon-broker:proof-of-work:" + hash));
        long ttl = Long.parseLong(redis.send("PTTL anon-broker:proof-of-work:" + digest(hash)).substring(1));
        assertTrue(ttl > 0 && ttl <= Duration.ofMinutes(5).toMillis(), "expires with the challenge: " + ttl);
    }

    @Test
    void withRedisDownAMintIsRefusedWith503AndSucceedsAgainOnceRedisIsBack() {
        assertEquals(200, mint(0, AltchaSolver.payload(challenge(0))).statusCode(), "Redis up: the mint works");
        List<ILoggingEvent> warnings;
        // Captured from before the outage: a background Redis call (the deletion ledger's beat) may be the first to
        // meet it and log its one warning.
        try (LogCapture logs = LogCapture.start(Level.INFO)) {
            redis.stop();
            for (int broker = 0; broker < 2; broker++) {
                for (int attempt = 0; attempt < 2; attempt++) {
                    HttpResponse<String> refused = mint(broker, AltchaSolver.payload(challenge(broker)));
                    assertEquals(503, refused.statusCode(), refused.body());
                    assertEquals("urn:anon-broker:problem:shared-state-unavailable", problemType(refused));
                    assertEquals("7", refused.headers().firstValue("Retry-After").orElse(""));
                    assertFalse(refused.body().contains("redis://"), "the detail names no address");
                }
            }
            warnings = logs.events().stream()
                    .filter(event -> event.getLoggerName().equals(SharedRedis.class.getName()))
                    .filter(event -> event.getLevel() == Level.WARN).toList();
        } finally {
            redis.startAgain();
        }
        assertEquals(2, warnings.size(), "one warning per broker for the outage, not one per request: " + warnings);
        String metrics = brokers.getManagement(0, "/prometheus").body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("broker_redis_failures_total{")
                && line.contains("structure=\"proof-of-work\"") && !line.endsWith(" 0.0")), metrics);

        for (int broker = 0; broker < 2; broker++) {
            int which = broker;
            Await.until("broker " + which + " mints again with Redis back", Duration.ofSeconds(20),
                    () -> mint(which, AltchaSolver.payload(challenge(which))).statusCode() == 200);
        }
        String payload = AltchaSolver.payload(challenge(1));
        assertEquals(200, mint(1, payload).statusCode());
        assertEquals(403, mint(0, payload).statusCode(), "sharing works again after the outage");
    }
}
