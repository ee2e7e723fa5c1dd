package dev.anonbroker.shared;

import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.CreatedUsers;
import dev.anonbroker.support.EmulatorAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two brokers' deletion queues on one Redis ledger. Broker 0 waits an hour before deleting (so its users stay queued)
 * and holds its jobs every 500 ms; broker 1 deletes at once and looks for jobs to take over every 300 ms. A queued
 * user is in the ledger, due after the delay and the lease; entries nobody holds any more (their instance died, staged
 * here by writing them into Redis) are taken over, and only throwaway users are deleted; with Redis down, the queue
 * keeps its jobs and writes them to the ledger once Redis is back, even a Redis that came back empty, and a mint is
 * refused before it makes a GoTrue user.
 */
class SharedDeletionQueueTest {

    private static final String LEDGER = "anon-broker:deletions";
    private static RedisServer redis;
    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        brokers = SharedBrokers.start(redis, List.of(
                Map.of("broker.cleanup.delay", "1h", "broker.cleanup.lease", "1500ms"),
                Map.of("broker.cleanup.lease", "900ms")));
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
    }

    @Test
    void aQueuedUserIsInTheLedgerDueAfterTheDelayAndTheLease() {
        String userId = mintOnBroker0AndAwaitItsUserInTheLedger();
        long due = Long.parseLong(redis.sendForValue("ZSCORE " + LEDGER + " user:" + userId));
        long redisNow = Long.parseLong(redis.sendForValue("TIME")) * 1000;
        assertTrue(due >= redisNow + Duration.ofMinutes(59).toMillis(), "due after the hour's delay: " + (due - redisNow));
    }

    @Test
    void entriesNobodyHoldsAreTakenOverAndOnlyThrowawayUsersDeleted() {
        EmulatorAdmin admin = EmulatorAdmin.of(brokers.emulator().baseUrl(), false);
        String throwaway = admin.createUser("anon-" + UUID.randomUUID() + "@anon.invalid",
                EmulatorAdmin.marker("a-broker-that-died"), null);
        String bystander = admin.createUser("visitor-" + UUID.randomUUID() + "@example.com", Map.of(), null);
        String phantom = UUID.randomUUID().toString();

        assertEquals(":3", redis.send("ZADD " + LEDGER + " 0 user:" + throwaway + " 0 user:" + bystander
                + " 0 user:" + phantom));

        Await.until("the three entries were taken over and settled", Duration.ofSeconds(15),
                () -> List.of(throwaway, bystander, phantom).stream()
                        .noneMatch(SharedDeletionQueueTest::inLedger));
        List<String> remaining = brokers.emulator().users().stream().map(EmulatedUser::id).toList();
        assertTrue(!remaining.contains(throwaway), "the throwaway user was deleted");
        assertTrue(remaining.contains(bystander), "the user that is not a throwaway was left alone");
    }

    @Test
    void withRedisDownTheQueueKeepsItsJobsAndRecordsThemOnceRedisIsBackEmpty() {
        CreatedUsers created = CreatedUsers.since(brokers.emulator());
        String userId = mintOnBroker0AndAwaitItsUserInTheLedger();

        redis.stop();
        try {
            HttpResponse<String> refused = brokers.post(0, "/anon-session", null);
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals(List.of(userId), created.ids(), "a mint refused for Redis makes no GoTrue user");
        } finally {
            redis.startAgain();
        }
        assertEquals(":0", redis.send("EXISTS " + LEDGER), "Redis came back empty");

        Await.until("the queue recorded the user in the ledger again", Duration.ofSeconds(10), () -> inLedger(userId));
        assertTrue(brokers.emulator().users().stream().anyMatch(user -> user.id().equals(userId)),
                "the user waits out broker 0's delay, still queued");
    }

    /** The GoTrue user of a mint on broker 0, once the broker's queue has written it to the ledger. */
    private static String mintOnBroker0AndAwaitItsUserInTheLedger() {
        CreatedUsers created = CreatedUsers.since(brokers.emulator());
        HttpResponse<String> minted = brokers.post(0, "/anon-session", null);
        assertEquals(200, minted.statusCode(), minted.body());
        String userId = onlyOne(created.ids());
        Await.until("the user is in the ledger", Duration.ofSeconds(10), () -> inLedger(userId));
        return userId;
    }

    private static boolean inLedger(String userId) {
        return !redis.send("ZSCORE " + LEDGER + " user:" + userId).equals("$-1");
    }

    private static String onlyOne(List<String> ids) {
        assertEquals(1, ids.size(), "one user was created: " + ids);
        return ids.get(0);
    }
}
