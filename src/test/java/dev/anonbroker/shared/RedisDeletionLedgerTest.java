package dev.anonbroker.shared;

import dev.anonbroker.cleanup.DeletionLedger;
import dev.anonbroker.support.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deletion ledger's sorted set in a real Redis: an entry is claimed only once it has fallen due, by one caller
 * per lease; holding it again moves it later, never earlier; a released entry is gone; a handed-over one is due at
 * once. The broker's own beat is kept out of the way with a lease of an hour.
 */
class RedisDeletionLedgerTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static RedisServer redis;
    private static SharedBrokers brokers;
    private static DeletionLedger ledger;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        brokers = SharedBrokers.start(1, redis, Map.of("broker.cleanup.lease", "1h"));
        ledger = brokers.context(0).getBean(DeletionLedger.class);
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
    }

    @Test
    void anEntryIsClaimedOnceItFellDueAndThenNotAgainWithinTheLease() {
        ledger.hold(List.of("test:due-soon-1", "test:due-soon-2"), Duration.ofMillis(400));
        ledger.hold(List.of("test:due-later"), HOUR);

        assertEquals(List.of(), ledger.claimDue(10, HOUR), "nothing has fallen due yet");
        Set<String> claimed = new HashSet<>();
        Await.until("both entries fell due", Duration.ofSeconds(10), () -> {
            claimed.addAll(ledger.claimDue(10, HOUR));
            return claimed.size() >= 2;
        });
        assertEquals(Set.of("test:due-soon-1", "test:due-soon-2"), claimed);
        assertEquals(List.of(), ledger.claimDue(10, HOUR), "a claimed entry is leased to its claimer");

        ledger.release(List.of("test:due-soon-1", "test:due-soon-2", "test:due-later"));
        assertEquals(":0", redis.send("ZCARD anon-broker:deletions"));
    }

    @Test
    void holdingAgainMovesAnEntryLaterButNeverEarlier() {
        ledger.hold(List.of("test:held"), HOUR);
        long firstDue = score("test:held");
        ledger.hold(List.of("test:held"), Duration.ofMillis(1));
        assertEquals(firstDue, score("test:held"), "a shorter hold leaves the later due time");
        ledger.hold(List.of("test:held"), HOUR.multipliedBy(2));
        assertTrue(score("test:held") >= firstDue + HOUR.toMillis(), "a longer hold moves it later");
        ledger.release(List.of("test:held"));
    }

    @Test
    void aHandedOverEntryIsDueAtOnceAndAMissingOneIsNotCreated() {
        ledger.hold(List.of("test:handed-over"), HOUR);
        ledger.handOver(List.of("test:handed-over", "test:never-held"));

        assertEquals(List.of("test:handed-over"), ledger.claimDue(10, HOUR));
        assertEquals("$-1", redis.send("ZSCORE anon-broker:deletions test:never-held"));
        ledger.release(List.of("test:handed-over"));
    }

    @Test
    void claimsTakeAtMostTheRoomAsked() {
        ledger.hold(List.of("test:a", "test:b", "test:c"), Duration.ZERO);
        ledger.handOver(List.of("test:a", "test:b", "test:c"));

        assertEquals(2, ledger.claimDue(2, HOUR).size());
        assertEquals(1, ledger.claimDue(2, HOUR).size());
        ledger.release(List.of("test:a", "test:b", "test:c"));
    }

    /** The entry's due time in Redis milliseconds (read with the inline protocol, which answers a bulk header first). */
    private static long score(String entry) {
        String header = redis.send("ZSCORE anon-broker:deletions " + entry);
        assertTrue(header.startsWith("$") && !header.equals("$-1"), "the entry is held: " + header);
        return Long.parseLong(redis.sendForValue("ZSCORE anon-broker:deletions " + entry));
    }
}
