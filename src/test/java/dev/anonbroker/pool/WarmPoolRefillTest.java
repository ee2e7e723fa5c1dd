package dev.anonbroker.pool;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.gotrue.GoTrueCircuit;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refilling against a failing GoTrue, and replacing members at their maximum age. In {@code signup} mode visitors
 * sign up ({@code POST /signup}) while refills use the admin API, so a fault on the refills' path leaves visitors
 * working. The fault is set before the broker starts, so no refill ever succeeds until it is cleared.
 */
class WarmPoolRefillTest {

    private static Map<String, Object> pool(int size, GoTrueEmulator gotrue) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.pool.size", size);
        properties.put("broker.pool.initial-backoff", "50ms");
        properties.put("broker.pool.max-backoff", "200ms");
        properties.put("broker.sweep.enabled", false);
        properties.put("broker.gotrue.url", gotrue.baseUrl());
        return properties;
    }

    @Test
    void failingRefillsAreCountedWhileVisitorsMintOnTheDirectPathAndTheVisitorsBreakerStaysClosed() {
        try (GoTrueEmulator gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY))) {
            gotrue.setFault("POST /admin/users", FaultRule.serverErrors(1.0));
            Map<String, Object> properties = pool(3, gotrue);
            properties.put("broker.gotrue.circuit-breaker.minimum-calls", 3);
            properties.put("broker.gotrue.circuit-breaker.wait-in-open", "500ms");
            try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                    properties)) {
                PoolProbe probe = new PoolProbe(broker, gotrue);
                GoTrueCircuit circuit = broker.context().getBean(GoTrueCircuit.class);
                Await.until("refills failed more often than the breaker's minimum", Duration.ofSeconds(20),
                        () -> probe.failures("server_error") >= 4);

                for (int i = 0; i < 3; i++) {
                    assertEquals(200, broker.post("/anon-session", null).statusCode(), "a visitor still mints");
                }
                assertEquals("closed", circuit.state(), "refill failures never open the visitors' breaker");
                assertEquals(0, probe.size());
                assertEquals(3, probe.count("broker.pool.misses"));
                assertEquals(0, probe.count("broker.pool.hits"));
                assertEquals(0, probe.count("broker.pool.refills"));

                gotrue.clearFaults();
                probe.awaitSize(3);
                assertEquals(3, probe.count("broker.pool.refills"));
                assertEquals(200, broker.post("/anon-session", null).statusCode());
                assertEquals(1, probe.count("broker.pool.hits"));
            }
        }
    }

    @Test
    void rateLimitedRefillsAreCountedAndBackedOffWhileVisitorsMint() {
        try (GoTrueEmulator gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE))) {
            gotrue.setFault("POST /token", FaultRule.rateLimited(1.0, null));
            try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE),
                    pool(2, gotrue))) {
                PoolProbe probe = new PoolProbe(broker, gotrue);
                Await.until("rate-limited refills counted", Duration.ofSeconds(20),
                        () -> probe.failures("rate_limited") >= 2);
                assertEquals(200, broker.post("/anon-session", null).statusCode(),
                        "supabase sign-up answers with tokens: the visitor needs no /token");
                assertEquals(0, probe.size());
                assertEquals(1, probe.count("broker.pool.misses"));

                gotrue.clearFaults();
                Await.until("the pool fills, and the users of failed refills are deleted", Duration.ofSeconds(20),
                        () -> probe.size() == 2 && probe.pooledUserIds().size() == 2);
            }
        }
    }

    @Test
    void aMemberPastItsMaxAgeIsReplacedAndItsUserDeleted() {
        try (GoTrueEmulator gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY))) {
            Map<String, Object> properties = pool(2, gotrue);
            properties.put("broker.pool.max-age", "2s");
            try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                    properties)) {
                PoolProbe probe = new PoolProbe(broker, gotrue);
                probe.awaitSize(2);
                Set<String> first = probe.pooledUserIds();
                assertEquals(2, first.size());

                Await.until("the first members are deleted from GoTrue", Duration.ofSeconds(20),
                        () -> probe.pooledUserIds().stream().noneMatch(first::contains));
                Await.until("two new members replace them", Duration.ofSeconds(20), () -> probe.size() == 2
                        && probe.pooledUserIds().size() == 2);
                assertTrue(probe.count("broker.pool.retirements") >= 2, "the old members were retired");
                assertEquals(0, probe.count("broker.pool.hits"), "none was handed out");
            }
        }
    }
}
