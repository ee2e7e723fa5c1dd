package dev.anonbroker.shared;

import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.CreatedUsers;
import dev.anonbroker.support.EmulatorAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three broker processes on one Redis with a per-IP limit of {@value #LIMIT} per 10 minutes on
 * {@code /anon-session} and every other limit off (every request comes from 127.0.0.1): mints sent to the three at
 * once are admitted {@value #LIMIT} times in total, exactly (Bucket4j's compare-and-swap takes no more than the
 * limit), and the next mint is 429 on each. In its own trio, because the limit would refuse the mints of
 * {@link ThreeBrokerProcessesTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeBrokerProcessesRateLimitTest {

    private static final int LIMIT = 4;
    private static final String POLICY = "anon-session-per-ip";

    private static RedisServer redis;
    private static GoTrueEmulator gotrue;
    private static BrokerProcesses brokers;
    private static List<EmulatedUser> bystanders;
    private static CreatedUsers created;
    /** The {@code sub} of every broker token minted here: the GoTrue ids of the users made for them. */
    private static final Set<String> mintedFor = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY));
        EmulatorAdmin.of(gotrue.baseUrl(), false).createUser("visitor@example.com", Map.of(), null);
        bystanders = gotrue.users();
        created = CreatedUsers.since(gotrue);
        Map<String, String> properties = BrokerProcesses.asText(SharedBrokers.onlyRateLimits(Map.of(POLICY,
                LIMIT + "/10m")));
        properties.put("broker.sweep.enabled", "false");
        brokers = BrokerProcesses.start(3, redis, gotrue.baseUrl(), properties);
    }

    @AfterAll
    static void stop() {
        BrokerProcesses.closeAll(brokers, gotrue, redis);
    }

    private static HttpResponse<String> mint(int broker) {
        HttpResponse<String> response = brokers.post(broker, "/anon-session", null);
        if (response.statusCode() == 200) {
            mintedFor.add(BrokerHarness.subjectOf(BrokerHarness.accessTokenOf(response)));
        }
        return response;
    }

    private static void assertRateLimited(String what, HttpResponse<String> response) {
        assertEquals(429, response.statusCode(), what + ": " + response.body());
        assertEquals("urn:anon-broker:problem:rate-limited", BrokerHarness.json(response).get("type").asText(), what);
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        long oneToken = Duration.ofMinutes(10).toSeconds() / LIMIT;
        assertTrue(retryAfter > oneToken - 30 && retryAfter <= oneToken, what + ": one token per 10m / " + LIMIT
                + ": " + retryAfter);
    }

    private static String bucketKey() throws Exception {
        byte[] visitor = MessageDigest.getInstance("SHA-256").digest("127.0.0.1".getBytes(StandardCharsets.UTF_8));
        return "anon-broker:rl:" + POLICY + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(visitor);
    }

    /**
     * Runs first, on the fresh brokers: each opens its connections to Redis before it takes requests, so even the
     * first burst is counted in the one bucket in Redis (a broker that opened them at the first request, waiting at
     * most {@code broker.redis.timeout} for another request opening them, once admitted 9 of 9 with a limit of 4 and
     * refused others 503 with Redis up).
     */
    @Test
    @Order(1)
    void aBurstOnFreshlyStartedBrokersIsAdmittedTheLimitOnceInTotal() throws Exception {
        List<HttpResponse<String>> answers = burst();

        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
        assertEquals(LIMIT, statuses.stream().filter(status -> status == 200).count(),
                "one limit across the three brokers from their first request on: " + statuses);
        assertEquals(LIMIT, admitted(answers), "and the others refused 429 (not 503, Redis is up): " + statuses);
    }

    @Test
    @Order(2)
    void mintsOnTheThreeAtOnceAreAdmittedTheLimitOnceInTotalThenEachRefusesAndTheUsersAreDeleted() throws Exception {
        assertEquals(":1", redis.send("DEL " + bucketKey()), "the first burst counted in Redis; a full bucket now");

        assertEquals(LIMIT, admitted(burst()), "one limit across the three brokers");

        for (int broker = 0; broker < brokers.count(); broker++) {
            assertRateLimited("the next mint on broker " + broker, mint(broker));
        }
        assertEquals(":1", redis.send("EXISTS " + bucketKey()), "one bucket, in Redis, under the address's digest");
        Await.until("the brokers' queues deleted every user they made", Duration.ofSeconds(30),
                () -> created.ids().isEmpty());
        assertTrue(gotrue.users().stream().noneMatch(user -> mintedFor.contains(user.id())), mintedFor.toString());
        assertEquals(bystanders, gotrue.users(), "the user that was there before, untouched");
    }

    /** Sends three mints to each broker at once; returns the answers, request {@code r} went to broker r mod 3. */
    private static List<HttpResponse<String>> burst() {
        ExecutorService pool = Executors.newFixedThreadPool(3 * brokers.count());
        try {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int request = 0; request < 3 * brokers.count(); request++) {
                int broker = request % brokers.count();
                responses.add(CompletableFuture.supplyAsync(() -> mint(broker), pool));
            }
            return responses.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many of {@code answers} were admitted; every other must be 429. */
    private static int admitted(List<HttpResponse<String>> answers) {
        int admitted = 0;
        for (int request = 0; request < answers.size(); request++) {
            HttpResponse<String> answer = answers.get(request);
            if (answer.statusCode() == 200) {
                admitted++;
            } else {
                assertRateLimited("request " + request + " on broker " + request % brokers.count(), answer);
            }
        }
        return admitted;
    }
}
