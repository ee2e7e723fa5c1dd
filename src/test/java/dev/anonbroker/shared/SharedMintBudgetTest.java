package dev.anonbroker.shared;

import dev.anonbroker.gate.GatedEndpoint;
import dev.anonbroker.gate.Visitor;
import dev.anonbroker.gate.ratelimit.RateLimitGate;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two brokers on one Redis: the global mint budget is one budget across both, and a per-network limit counts every
 * address of the network whichever broker it reaches (checked on each broker's own {@link RateLimitGate}, since every
 * HTTP request of a test comes from 127.0.0.1).
 */
class SharedMintBudgetTest {

    private static RedisServer redis;
    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        brokers = SharedBrokers.start(2, redis,
                SharedBrokers.onlyRateLimits(Map.of("mint-budget", "2/1h", "refresh-per-network", "2/1h")));
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
    }

    private static String key(String policy, String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return "anon-broker:rl:" + policy + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static Visitor visitor(String ip) {
        try {
            return new Visitor(InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theMintBudgetIsSpentByBothBrokersTogether() {
        assertEquals(200, brokers.post(0, "/anon-session", null).statusCode());
        assertEquals(200, brokers.post(1, "/anon-session", null).statusCode());

        for (int broker = 0; broker < 2; broker++) {
            HttpResponse<String> refused = brokers.post(broker, "/anon-session", null);
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("urn:anon-broker:problem:mint-budget-exhausted",
                    BrokerHarness.json(refused).get("type").asText());
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 1800 - 30 && retryAfter <= 1800, "one session per 30 minutes: " + retryAfter);
        }
        long ttl = Long.parseLong(redis.send("PTTL " + key("mint-budget", "broker")).substring(1));
        assertTrue(ttl > Duration.ofMinutes(59).toMillis() && ttl <= Duration.ofMinutes(60).plusSeconds(1).toMillis(),
                "the budget's key expires once it would be full again: " + ttl);
    }

    @Test
    void aNetworkLimitCountsItsAddressesOnEveryBroker() {
        RateLimitGate first = brokers.context(0).getBean(RateLimitGate.class);
        RateLimitGate second = brokers.context(1).getBean(RateLimitGate.class);

        first.check(GatedEndpoint.REFRESH, visitor("198.51.100.7"));
        second.check(GatedEndpoint.REFRESH, visitor("198.51.100.8"));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> first.check(GatedEndpoint.REFRESH, visitor("198.51.100.9")));

        assertEquals(ProblemType.RATE_LIMITED, refused.type());
        assertEquals("\"refresh-per-network\";q=2;w=3600", refused.headers().get("RateLimit-Policy"));
        assertEquals(":1", redis.send("EXISTS " + key("refresh-per-network", "198.51.100.0/24")));
        second.check(GatedEndpoint.REFRESH, visitor("198.51.101.7"));
    }
}
