package dev.anonbroker.shared;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.SweepOperator;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two brokers on one Redis coordinate their sweeps with a lease: while one sweeps (GoTrue's user list is slowed down
 * so the run lasts), the other starts no run; the lease is given up when the run ends; a lease left by an instance
 * that died holds the others off until it expires; with Redis down, each instance sweeps without it.
 */
class SharedSweepLeaseTest {

    private static final String LEASE = "anon-broker:sweep-lease";
    private static RedisServer redis;
    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        java.util.Map<String, Object> properties = SweepOperator.manualSweeps("1s");
        properties.put("broker.sweep.lease", "1500ms");
        brokers = SharedBrokers.start(2, redis, properties);
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
    }

    @AfterEach
    void clearFaults() {
        brokers.emulator().clearFaults();
    }

    @Test
    void whileOneInstanceSweepsTheOtherStartsNoRunAndTheLeaseIsGivenUpAfterwards() throws Exception {
        brokers.emulator().setFault("GET /admin/users", FaultRule.latency(Duration.ofSeconds(2)));
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> sweep(0));
        Await.until("the first broker took the lease", Duration.ofSeconds(10), () -> ":1".equals(redis.send("EXISTS " + LEASE)));

        JsonNode second = json(sweep(1));
        assertEquals("RUNNING_ELSEWHERE", second.get("outcome").asText(), second.toString());
        assertEquals(0, second.get("pages_read").asInt());

        JsonNode firstRun = json(first.get(30, TimeUnit.SECONDS));
        assertEquals("COMPLETED", firstRun.get("outcome").asText(), firstRun.toString());
        assertEquals(":0", redis.send("EXISTS " + LEASE), "the lease was given up when the run ended");
    }

    @Test
    void aLeaseNobodyRenewsHoldsTheOthersOffUntilItExpires() {
        assertEquals("+OK", redis.send("SET " + LEASE + " an-instance-that-died PX 2000"));

        JsonNode held = json(sweep(1));
        assertEquals("RUNNING_ELSEWHERE", held.get("outcome").asText(), held.toString());
        Await.until("a sweep ran once the lease expired", Duration.ofSeconds(10),
                () -> "COMPLETED".equals(json(sweep(1)).get("outcome").asText()));
    }

    @Test
    void withRedisDownEachInstanceSweepsWithoutTheLease() {
        redis.stop();
        try {
            JsonNode run = json(sweep(0));
            assertEquals("COMPLETED", run.get("outcome").asText(), run.toString());
        } finally {
            redis.startAgain();
        }
    }

    private static HttpResponse<String> sweep(int broker) {
        HttpResponse<String> response = brokers.post(broker, "/sweep", null,
                "Authorization", "Bearer " + TestSecrets.SWEEP_OPERATOR_TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return BrokerHarness.json(response);
    }
}
