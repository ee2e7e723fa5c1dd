package dev.anonbroker.shared;

import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.FrontendGoTrue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broker A is killed with SIGKILL while its deletion queue holds users (a cleanup delay of {@value #DELAY_SECONDS} s
 * keeps them queued) and its warm pool holds members: nothing runs at its shutdown, and its memory is gone. B and C,
 * on the same Redis and without a pool, take A's jobs and members over from the deletion ledger once A stopped
 * holding them, and delete every user A made within the cleanup delay plus the lease (plus a beat and some slack for
 * this loaded machine), with the sweep off; no other user is touched, not even one shaped like a throwaway user.
 */
class KilledBrokerQueueTest {

    private static final int DELAY_SECONDS = 10;
    private static final int LEASE_SECONDS = 3;
    private static final int MINTS = 5;
    private static final int POOL = 2;
    private static final Pattern TAKEN_OVER = Pattern.compile("(?m)^broker_cleanup_taken_over_total(?:\\{[^}]*})? (\\S+)$");

    @Test
    void theUsersQueuedByAKilledBrokerAreDeletedByTheOthersWithinTheDelayPlusTheLease() {
        try (RedisServer redis = RedisServer.start();
             GoTrueEmulator gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY))) {
            EmulatorAdmin admin = EmulatorAdmin.of(gotrue.baseUrl(), false);
            admin.createUser("visitor@example.com", Map.of(), null);
            admin.createUser(FrontendGoTrue.throwawayEmail(), EmulatorAdmin.marker("another-broker"), null);
            List<EmulatedUser> bystanders = gotrue.users();

            try (BrokerProcesses brokers = BrokerProcesses.start(redis, gotrue.baseUrl(), Map.of(
                    "broker.cleanup.delay", DELAY_SECONDS + "s",
                    "broker.cleanup.lease", LEASE_SECONDS + "s",
                    "broker.sweep.enabled", "false"), List.of(Map.of("broker.pool.size", Integer.toString(POOL)),
                    Map.of(), Map.of()))) {
                List<String> queuedOnA = new ArrayList<>();
                for (int mint = 0; mint < MINTS; mint++) {
                    HttpResponse<String> minted = brokers.post(0, "/anon-session", null);
                    assertEquals(200, minted.statusCode(), minted.body());
                    queuedOnA.add(BrokerHarness.subjectOf(BrokerHarness.json(minted).get("access_token").asText()));
                }
                int madeByAInTheEnd = MINTS + POOL;
                Await.until("A's pool is full again and A wrote its queue and members to the ledger",
                        Duration.ofSeconds(DELAY_SECONDS), () -> gotrue.users().size() - bystanders.size() == madeByAInTheEnd
                                && (":" + madeByAInTheEnd).equals(redis.send("ZCARD anon-broker:deletions")));

                brokers.kill(0);
                long killedAt = System.nanoTime();
                Set<String> madeByA = ids(gotrue.users());
                madeByA.removeAll(ids(bystanders));
                assertTrue(madeByA.containsAll(queuedOnA), "A was killed before its delay ran out: its users are there");
                assertEquals(MINTS + POOL, madeByA.size(), "A's queued users and its pool's members: " + madeByA);

                Duration bound = Duration.ofSeconds(DELAY_SECONDS + LEASE_SECONDS + LEASE_SECONDS / 3 + 5);
                Await.until("B and C deleted every user A had queued or pooled", bound,
                        () -> ids(gotrue.users()).stream().noneMatch(madeByA::contains));
                Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
                System.out.println("KilledBrokerQueueTest: A's " + (MINTS + POOL) + " users were deleted " + took.toMillis()
                        + " ms after its SIGKILL (delay " + DELAY_SECONDS + " s, lease " + LEASE_SECONDS + " s)");

                assertEquals(bystanders, gotrue.users(), "no other user was touched (after " + took.toMillis() + " ms)");
                Await.until("B and C removed the jobs they finished from the ledger", Duration.ofSeconds(10),
                        () -> ":0".equals(redis.send("ZCARD anon-broker:deletions")));
                assertEquals(MINTS + POOL, takenOver(brokers, 1) + takenOver(brokers, 2),
                        "B and C took A's jobs and members over (the sweep is off)");
            }
        }
    }

    private static long takenOver(BrokerProcesses brokers, int broker) {
        Matcher counter = TAKEN_OVER.matcher(brokers.getManagement(broker, "/prometheus").body());
        return counter.find() ? (long) Double.parseDouble(counter.group(1)) : 0;
    }

    private static Set<String> ids(List<EmulatedUser> users) {
        return users.stream().map(EmulatedUser::id).collect(Collectors.toSet());
    }
}
