package dev.anonbroker.pool;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pool members and the sweep, within one process: while their hold lasts, neither this broker's sweep nor another
 * instance's deletes members older than the grace period, though both delete an ordinary orphan of that age. (That
 * the sweep deletes members after a crash is {@link WarmPoolCrashTest}.)
 */
class WarmPoolSweepTest {

    @Test
    void sweepsOfThisAndAnotherInstanceLeaveHeldMembersAloneButDeleteOrdinaryOrphans() {
        Duration grace = Duration.ofSeconds(1);
        try (GoTrueEmulator gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY))) {
            Map<String, Object> sweeping = new HashMap<>();
            sweeping.put("broker.gotrue.url", gotrue.baseUrl());
            sweeping.put("broker.sweep.grace-period", "1s");
            sweeping.put("broker.sweep.initial-delay", "0s");
            sweeping.put("broker.sweep.interval", "200ms");
            sweeping.put("broker.cleanup.delay", "1h");
            Map<String, Object> pooling = new HashMap<>(sweeping);
            pooling.put("broker.pool.size", 3);
            pooling.put("broker.pool.max-age", "1h");
            try (BrokerHarness pool = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), pooling);
                 BrokerHarness other = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), sweeping)) {
                PoolProbe probe = new PoolProbe(pool, gotrue);
                probe.awaitSize(3);
                Set<String> members = probe.pooledUserIds();
                String orphan = EmulatorAdmin.of(gotrue.baseUrl(), false)
                        .createUser("anon-orphan@anon.invalid", EmulatorAdmin.marker("crashed-broker"), null);
                Instant allOlderThanGrace = Instant.now().plus(grace);
                Await.until("members and orphan are older than the grace period", Duration.ofSeconds(10),
                        () -> Instant.now().isAfter(allOlderThanGrace));
                double runsBefore = sweepRuns(pool) + sweepRuns(other);

                Await.until("the orphan is swept", Duration.ofSeconds(20),
                        () -> gotrue.users().stream().noneMatch(user -> user.id().equals(orphan)));
                Await.until("both brokers swept twice more", Duration.ofSeconds(20),
                        () -> sweepRuns(pool) >= 2 && sweepRuns(other) >= 2
                                && sweepRuns(pool) + sweepRuns(other) >= runsBefore + 4);

                assertEquals(members, probe.pooledUserIds(), "every held member is still in GoTrue");
                assertEquals(3, probe.size());
                assertEquals(0, probe.count("broker.pool.retirements"));
                assertTrue(pool.post("/anon-session", null).statusCode() == 200);
                assertEquals(1, probe.count("broker.pool.hits"), "and still usable");
            }
        }
    }

    private static double sweepRuns(BrokerHarness broker) {
        return new PoolProbe(broker).count("broker.sweep.runs");
    }
}
