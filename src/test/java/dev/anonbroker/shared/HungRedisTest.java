package dev.anonbroker.shared;

import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.token.support.TestBackendClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.anonbroker.support.BackendCalls.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Redis that hangs (SIGSTOP: its connections stay open and nothing answers) must not stall the event loop, which
 * introspection runs on. With one event-loop thread, introspections waiting for Redis do not hold up a JWKS request
 * sent after them: it is answered while they still wait; then each introspection is refused 503
 * {@code shared-state-unavailable} once {@code broker.redis.timeout} has passed, and never answered active.
 */
class HungRedisTest {

    private static final TestBackendClients CLIENTS = TestBackendClients.generate();
    private static RedisServer redis;
    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        Map<String, Object> properties = CLIENTS.properties();
        properties.put("micronaut.netty.event-loops.default.num-threads", 1);
        properties.put("micronaut.server.netty.worker.event-loop-group", "default");
        properties.put("broker.redis.timeout", "3s");
        brokers = SharedBrokers.start(1, redis, properties);
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
    }

    @Test
    void introspectionsWaitingForAHungRedisDoNotHoldUpTheEventLoop() throws Exception {
        HttpResponse<String> minted = brokers.post(0, "/anon-session", null);
        assertEquals(200, minted.statusCode(), minted.body());
        String accessToken = BrokerHarness.accessTokenOf(minted);
        assertEquals(200, introspect(accessToken).statusCode(), "Redis answers before it hangs");

        redis.pause();
        try {
            List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(CompletableFuture.supplyAsync(() -> introspect(accessToken)));
            }
            HttpResponse<String> jwks = brokers.get(0, "/.well-known/jwks.json");
            assertEquals(200, jwks.statusCode());
            assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone),
                    "the JWKS request was answered while the introspections still waited for Redis");
            for (CompletableFuture<HttpResponse<String>> introspection : waiting) {
                HttpResponse<String> refused = introspection.get(30, TimeUnit.SECONDS);
                assertEquals(503, refused.statusCode(), refused.body());
                assertEquals("urn:anon-broker:problem:shared-state-unavailable",
                        BrokerHarness.json(refused).get("type").asText());
                assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            }
        } finally {
            redis.resume();
        }
    }

    private static HttpResponse<String> introspect(String token) {
        return brokers.post(0, "/introspect", BackendCalls.form(token), "Content-Type", BackendCalls.FORM,
                "Authorization", basic("api", CLIENTS.apiSecret()));
    }
}
