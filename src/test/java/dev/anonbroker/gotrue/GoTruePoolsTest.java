package dev.anonbroker.gotrue;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.CountingProxy;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.SweepOperator;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two GoTrue connection pools over real HTTP: sign-ups hanging on every visitor connection leave the clean-up
 * pool free, so the sweep lists and deletes a throwaway user while they still hang.
 */
class GoTruePoolsTest {

    private static final int VISITOR_CONNECTIONS = 4;
    private static final Duration SIGN_UP_LATENCY = Duration.ofSeconds(5);

    @Test
    void hangingSignUpsOnEveryVisitorConnectionDoNotHoldUpTheCleanUp() {
        Map<String, Object> properties = SweepOperator.manualSweeps("1ms");
        properties.put("broker.gotrue.max-connections", VISITOR_CONNECTIONS);
        properties.put("broker.gotrue.cleanup-connections", 2);
        // Long enough that neither the deadline nor the read timeout frees a visitor connection before the sign-ups end.
        properties.put("broker.gotrue.request-deadline", "15s");
        properties.put("broker.gotrue.read-timeout", "15s");
        try (GoTrueEmulator gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY));
             CountingProxy proxy = CountingProxy.to(gotrue.baseUrl())) {
            properties.put("broker.gotrue.url", proxy.baseUrl());
            try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties)) {
                String orphan = EmulatorAdmin.of(gotrue.baseUrl(), false)
                        .createUser("anon-" + "0".repeat(32) + "@anon.invalid", EmulatorAdmin.marker("crashed-broker"), null);
                gotrue.setFault("POST /signup", FaultRule.latency(SIGN_UP_LATENCY));

                List<CompletableFuture<HttpResponse<String>>> mints = new ArrayList<>();
                for (int i = 0; i < VISITOR_CONNECTIONS; i++) {
                    mints.add(CompletableFuture.supplyAsync(() -> broker.post("/anon-session", null)));
                }
                Await.until("every visitor connection holds a hanging sign-up", Duration.ofSeconds(4),
                        () -> proxy.inFlight() == VISITOR_CONNECTIONS);

                long start = System.nanoTime();
                SweepOperator.sweep(broker);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertTrue(mints.stream().noneMatch(CompletableFuture::isDone), "the sign-ups still hang");
                assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "the sweep took " + took.toMillis() + " ms");
                assertFalse(gotrue.users().stream().anyMatch(user -> user.id().equals(orphan)), "the sweep deleted the orphan");
                for (CompletableFuture<HttpResponse<String>> mint : mints) {
                    assertEquals(200, mint.join().statusCode(), "the slow sign-ups end in a session");
                }
            }
        }
    }
}
