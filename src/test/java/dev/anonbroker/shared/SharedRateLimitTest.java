package dev.anonbroker.shared;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two brokers on one Redis with a per-IP limit of {@value #LIMIT} per 10 minutes on {@code /anon-session} (every
 * request comes from 127.0.0.1): the limit is one limit across both, kept in Redis under the address's digest; with
 * Redis gone each broker limits with its own buckets (429, not 503) and warns once; with Redis back the limit is
 * shared again, without a restart.
 */
class SharedRateLimitTest {

    private static final int LIMIT = 3;
    private static final String POLICY = "anon-session-per-ip";
    private static final String VISITOR = "127.0.0.1";
    private static RedisServer redis;
    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        brokers = SharedBrokers.start(2, redis, SharedBrokers.onlyRateLimits(Map.of(POLICY, LIMIT + "/10m")));
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
    }

    @BeforeEach
    void emptyRedis() {
        assertEquals("+OK", redis.send("FLUSHALL"));
    }

    private static HttpResponse<String> mint(int broker) {
        return brokers.post(broker, "/anon-session", null);
    }

    private static String key() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(VISITOR.getBytes(StandardCharsets.UTF_8));
            return "anon-broker:rl:" + POLICY + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRateLimited(HttpResponse<String> response) {
        assertEquals(429, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:rate-limited", BrokerHarness.json(response).get("type").asText());
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        long oneToken = Duration.ofMinutes(10).toSeconds() / LIMIT;
        assertTrue(retryAfter > oneToken - 30 && retryAfter <= oneToken, "one token per 10m / " + LIMIT + ": "
                + retryAfter);
    }

    @Test
    void concurrentMintsOnBothBrokersAdmitTheLimitOnceInTotalThenBothRefuse() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try {
            for (int request = 0; request < 8; request++) {
                int broker = request % 2;
                responses.add(pool.submit(() -> mint(broker)));
            }
            int admitted = 0;
            for (Future<HttpResponse<String>> response : responses) {
                HttpResponse<String> answer = get(response);
                if (answer.statusCode() == 200) {
                    admitted++;
                } else {
                    assertRateLimited(answer);
                }
            }
            assertEquals(LIMIT, admitted, "one limit across the two brokers");
        } finally {
            pool.shutdownNow();
        }
        assertRateLimited(mint(0));
        assertRateLimited(mint(1));
        assertEquals(":1", redis.send("EXISTS " + key()), "the bucket is kept under the address's digest");
        assertEquals(":0", redis.send("EXISTS anon-broker:rl:" + POLICY + ":" + VISITOR));
        long ttl = Long.parseLong(redis.send("PTTL " + key()).substring(1));
        assertTrue(ttl > Duration.ofMinutes(9).toMillis() && ttl <= Duration.ofMinutes(10).plusSeconds(1).toMillis(),
                "expires once the bucket would be full again (10 minutes from empty), plus a second: " + ttl);
    }

    @Test
    void withRedisDownEachBrokerCountsInItsOwnBucketsAndWarnsOnceThenTheLimitIsSharedAgain() {
        assertEquals(200, mint(0).statusCode(), "Redis up: the mint counts in Redis");
        List<ILoggingEvent> warnings;
        try (LogCapture logs = LogCapture.start(Level.INFO)) {
            redis.stop();
            for (int broker = 0; broker < 2; broker++) {
                for (int admitted = 0; admitted < LIMIT; admitted++) {
                    // Admitted by the broker's own bucket; the mint then cannot store its refresh token in Redis.
                    HttpResponse<String> local = mint(broker);
                    assertEquals(503, local.statusCode(), "broker " + broker + ", its own bucket: " + local.body());
                    assertTrue(local.body().contains("urn:anon-broker:problem:shared-state-unavailable"), local.body());
                }
                assertRateLimited(mint(broker));
                assertRateLimited(mint(broker));
            }
            warnings = logs.events().stream()
                    .filter(event -> event.getLoggerName().equals(RedisRateLimitBuckets.class.getName()))
                    .filter(event -> event.getLevel() == Level.WARN).toList();
        } finally {
            redis.startAgain();
        }
        assertEquals(2, warnings.size(), "one warning per broker for the outage, not one per request: " + warnings);
        assertTrue(warnings.get(0).getFormattedMessage().contains("fall back"), warnings.get(0).getFormattedMessage());
        String metrics = brokers.getManagement(0, "/prometheus").body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("broker_redis_failures_total{")
                && line.contains("structure=\"rate-limit\"") && !line.endsWith(" 0.0")), metrics);

        // Each broker's own bucket is empty, so a 200 means the broker counts in the (new, empty) Redis again.
        for (int broker = 0; broker < 2; broker++) {
            int which = broker;
            Await.until("broker " + which + " counts in Redis again", Duration.ofSeconds(20),
                    () -> mint(which).statusCode() == 200);
        }
        assertEquals(200, mint(0).statusCode(), "the third of " + LIMIT + " in the shared bucket");
        assertRateLimited(mint(1));
        assertRateLimited(mint(0));
        assertEquals(":1", redis.send("EXISTS " + key()));
    }

    private static HttpResponse<String> get(Future<HttpResponse<String>> response) throws InterruptedException {
        try {
            return response.get();
        } catch (ExecutionException failed) {
            throw new AssertionError(failed.getCause());
        }
    }
}
