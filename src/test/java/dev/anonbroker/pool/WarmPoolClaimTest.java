package dev.anonbroker.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.CountingProxy;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims over real HTTP: a hit calls GoTrue not once, concurrent claims never share a member, and an empty pool
 * falls back to the direct path. The refill budget equals the pool size, so once full the pool is not refilled
 * during the test; deletions wait an hour and the sweep is off, so every GoTrue call the proxy counts is the
 * request's own.
 */
class WarmPoolClaimTest {

    private static Map<String, Object> pool(int size, String gotrueUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.pool.size", size);
        properties.put("broker.pool.refill-limit", size);
        properties.put("broker.pool.refill-window", "1h");
        properties.put("broker.cleanup.delay", "1h");
        properties.put("broker.sweep.enabled", false);
        if (gotrueUrl != null) {
            properties.put("broker.gotrue.url", gotrueUrl);
        }
        return properties;
    }

    @Test
    void aHitMakesNoGoTrueCallAndHandsOutAMarkedPooledMember() throws Exception {
        try (GoTrueEmulator gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY));
             CountingProxy proxy = CountingProxy.to(gotrue.baseUrl());
             BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                     pool(3, proxy.baseUrl()))) {
            PoolProbe probe = new PoolProbe(broker, gotrue);
            probe.awaitSize(3);
            Set<String> members = probe.pooledUserIds();
            assertEquals(3, members.size(), "three members in GoTrue");
            assertEquals(3, proxy.count("POST /admin/users"), "made through the admin API");
            assertEquals(3, proxy.count("POST /token"), "and each logged in once");
            assertEquals(0, proxy.count("POST /signup"));
            for (EmulatedUser user : gotrue.users()) {
                Map<?, ?> marker = (Map<?, ?>) user.userMetadata().get("anon_broker");
                assertTrue(marker.get("broker_id") instanceof String, "the broker's marker");
                assertTrue(Instant.parse((String) marker.get("pooled_until")).isAfter(Instant.now()), "held for now");
            }
            int callsBefore = proxy.count("");

            HttpResponse<String> response = broker.post("/anon-session", null);

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(callsBefore, proxy.count(""), "a pool hit calls GoTrue not once");
            String subject = SignedJWT.parse(BrokerHarness.json(response).get("access_token").asText())
                    .getJWTClaimsSet().getSubject();
            assertTrue(members.contains(subject), "the token's subject is a pool member");
            assertEquals(1, probe.count("broker.pool.hits"));
            assertEquals(0, probe.count("broker.pool.misses"));
            assertEquals(2, probe.size());
        }
    }

    @Test
    void concurrentClaimsNeverShareAMemberAndAnEmptyPoolFallsBackToTheDirectPath() throws Exception {
        int members = 20;
        int claims = 26;
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE),
                pool(members, null))) {
            PoolProbe probe = new PoolProbe(broker);
            probe.awaitSize(members);
            Set<String> pooled = probe.pooledUserIds();
            assertEquals(members, pooled.size());

            List<String> subjects = claimConcurrently(broker, claims, 16);

            assertEquals(claims, new HashSet<>(subjects).size(), "every session has a user of its own");
            assertEquals(members, subjects.stream().filter(pooled::contains).count(), "every member handed out once");
            assertEquals(members, probe.count("broker.pool.hits"));
            assertEquals(claims - members, probe.count("broker.pool.misses"), "each claim on the empty pool is a miss");
            assertEquals(0, probe.size());
            assertEquals(claims - members, broker.throwawayUsers().stream()
                    .filter(user -> !PoolProbe.isPooled(user)).count(), "the misses made users on the direct path");
        }
    }

    private static List<String> claimConcurrently(BrokerHarness broker, int claims, int visitors) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(visitors);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < claims; i++) {
                calls.add(() -> {
                    HttpResponse<String> response = broker.post("/anon-session", null);
                    assertEquals(200, response.statusCode(), response.body());
                    JsonNode body = BrokerHarness.json(response);
                    return SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet().getSubject();
                });
            }
            List<String> subjects = new ArrayList<>();
            for (Future<String> subject : threads.invokeAll(calls)) {
                subjects.add(subject.get());
            }
            return subjects;
        } finally {
            threads.shutdownNow();
        }
    }
}
