package dev.anonbroker.pool;

import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shutdown and gates: a graceful shutdown deletes every unused member (the pool is destroyed before the deletion
 * queue drains) and nothing else; a visitor a gate refuses takes no member.
 */
class WarmPoolLifecycleTest {

    @Test
    void gracefulShutdownDeletesTheUnusedMembersAndNoOtherUser() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.pool.size", 5, "broker.sweep.enabled", false))) {
            EmulatorAdmin admin = EmulatorAdmin.of(broker.emulator().baseUrl(), false);
            String bystander = admin.createUser("visitor@example.com", Map.of(), null);
            PoolProbe probe = new PoolProbe(broker);
            probe.awaitSize(5);
            assertEquals(5, probe.pooledUserIds().size());

            broker.stopBroker();

            List<EmulatedUser> left = broker.emulator().users();
            assertEquals(List.of(bystander), left.stream().map(EmulatedUser::id).toList(),
                    "every member deleted during shutdown, the other user kept");
        }
    }

    @Test
    void visitorsRefusedByAGateTakeNoMember() {
        String site = "https://mysite.netlify.app";
        Map<String, Object> properties = Map.of("broker.pool.size", 2, "broker.pool.refill-limit", 2,
                "broker.pool.refill-window", "1h", "broker.sweep.enabled", false,
                "broker.allowed-origins", List.of(site),
                "broker.rate-limit.enabled", true, "broker.rate-limit.anon-session-per-ip", "1/1h");
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                properties)) {
            PoolProbe probe = new PoolProbe(broker);
            probe.awaitSize(2);

            HttpResponse<String> wrongOrigin = broker.post("/anon-session", null, "Origin", "https://evil.example");
            assertEquals(403, wrongOrigin.statusCode(), wrongOrigin.body());
            assertEquals(2, probe.size(), "the origin gate refused before any claim");

            assertEquals(200, broker.post("/anon-session", null, "Origin", site).statusCode());
            assertEquals(1, probe.size());

            HttpResponse<String> limited = broker.post("/anon-session", null, "Origin", site);
            assertEquals(429, limited.statusCode(), limited.body());
            assertTrue(limited.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertEquals(1, probe.size(), "the rate limit refused before any claim");
            assertEquals(1, probe.count("broker.pool.hits"));
            assertEquals(0, probe.count("broker.pool.misses"));
        }
    }
}
