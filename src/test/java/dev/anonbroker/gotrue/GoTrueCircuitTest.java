package dev.anonbroker.gotrue;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.CountingProxy;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GoTrue circuit breakers over real HTTP: failing sign-ups open the visitors' breaker, which then refuses at once
 * without calling GoTrue and closes again after GoTrue recovers; GoTrue's 4xx answers never open it; failing
 * deletions open only the clean-up breaker, so minting goes on.
 */
class GoTrueCircuitTest {

    private static final int MINIMUM_CALLS = 10;
    /** Typical refusal time; a single one may take longer on a loaded machine, but never near a GoTrue call. */
    private static final Duration REFUSED_TYPICALLY_WITHIN = Duration.ofMillis(100);
    private static final Duration REFUSED_WITHIN = Duration.ofMillis(500);

    @Test
    void failingSignUpsOpenTheBreakerWhichRefusesAtOnceAndClosesAfterRecovery() {
        try (GoTrueEmulator gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY));
             CountingProxy proxy = CountingProxy.to(gotrue.baseUrl());
             BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                     breakerProperties(Map.of("broker.gotrue.url", proxy.baseUrl())))) {
            MeterRegistry meters = broker.context().getBean(MeterRegistry.class);
            gotrue.setFault("POST /signup", FaultRule.serverErrors(1.0));

            for (int i = 0; i < MINIMUM_CALLS; i++) {
                assertGoTrueUnavailable(broker.post("/anon-session", null));
            }
            Await.until("the visitors' breaker is open", Duration.ofSeconds(5), () -> "open".equals(circuit(broker, "visitor")));
            assertEquals(1.0, meters.get("broker.gotrue.circuit.state").tag("purpose", "visitor").gauge().value());
            assertEquals("closed", circuit(broker, "cleanup"), "sign-ups do not count against the clean-up");

            int signUpsBefore = proxy.count("POST /signup");
            int refusals = 20;
            List<Duration> times = new ArrayList<>();
            for (int i = 0; i < refusals; i++) {
                long start = System.nanoTime();
                HttpResponse<String> refused = broker.post("/anon-session", null);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertGoTrueUnavailable(refused);
                assertTrue(took.compareTo(REFUSED_WITHIN) < 0, "an open breaker refused after " + took.toMillis() + " ms");
                times.add(took);
            }
            Collections.sort(times);
            assertTrue(times.get(refusals / 2).compareTo(REFUSED_TYPICALLY_WITHIN) < 0, "median refusal " + times.get(refusals / 2).toMillis() + " ms");
            assertEquals(signUpsBefore, proxy.count("POST /signup"), "an open breaker sends nothing to GoTrue");
            assertTrue(meters.get("broker.gotrue.circuit.not.permitted").tag("purpose", "visitor").counter().count() >= refusals);

            gotrue.clearFaults();
            long recovered = System.nanoTime();
            Await.until("a mint succeeds after GoTrue recovered", Duration.ofSeconds(5),
                    () -> broker.post("/anon-session", null).statusCode() == 200);
            Await.until("the visitors' breaker is closed again", Duration.ofSeconds(5), () ->
                    broker.post("/anon-session", null).statusCode() == 200 && "closed".equals(circuit(broker, "visitor")));
            Duration toClosed = Duration.ofNanos(System.nanoTime() - recovered);
            assertTrue(toClosed.compareTo(Duration.ofSeconds(5)) < 0, "closed " + toClosed.toMillis() + " ms after recovery");
            assertEquals(0.0, meters.get("broker.gotrue.circuit.state").tag("purpose", "visitor").gauge().value());
        }
    }

    @Test
    void rateLimitedSignUpsDoNotOpenTheBreaker() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                breakerProperties(Map.of()))) {
            broker.emulator().setFault("POST /signup", FaultRule.rateLimited(1.0, Duration.ofSeconds(1)));

            for (int i = 0; i < 2 * MINIMUM_CALLS; i++) {
                HttpResponse<String> limited = broker.post("/anon-session", null);
                assertTrue(limited.statusCode() == 429 || limited.statusCode() == 503, limited.statusCode() + " " + limited.body());
            }
            assertEquals("closed", circuit(broker, "visitor"), "GoTrue's 429 is an answer, not a failure");

            broker.emulator().clearFaults();
            assertEquals(200, broker.post("/anon-session", null).statusCode());
        }
    }

    @Test
    void failingDeletionsOpenTheCleanUpBreakerOnlyAndMintingGoesOn() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.cleanup.delay", "0s");
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                breakerProperties(properties))) {
            broker.emulator().setFault("DELETE /admin/users", FaultRule.serverErrors(1.0));

            for (int i = 0; i < MINIMUM_CALLS; i++) {
                assertEquals(200, broker.post("/anon-session", null).statusCode());
            }
            Await.until("the clean-up breaker is open", Duration.ofSeconds(10), () -> "open".equals(circuit(broker, "cleanup")));
            assertEquals("closed", circuit(broker, "visitor"), "failing deletions do not count against minting");
            for (int i = 0; i < 5; i++) {
                assertEquals(200, broker.post("/anon-session", null).statusCode(), "minting goes on");
            }

            broker.emulator().clearFaults();
            broker.awaitNoThrowawayUsers();
            Await.until("the clean-up breaker is closed again", Duration.ofSeconds(10),
                    () -> "closed".equals(circuit(broker, "cleanup")));
        }
    }

    /** The breaker on with its defaults, stated here because the tests count on them. */
    private static Map<String, Object> breakerProperties(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(overrides);
        properties.put("broker.gotrue.circuit-breaker.enabled", true);
        properties.put("broker.gotrue.circuit-breaker.minimum-calls", MINIMUM_CALLS);
        return properties;
    }

    /** The breaker's state for {@code purpose} in the management port's detailed health. */
    private static String circuit(BrokerHarness broker, String purpose) {
        HttpResponse<String> health = broker.getManagement("/health");
        return BrokerHarness.json(health).at("/details/gotrue/details/circuit/" + purpose).asText();
    }

    private static void assertGoTrueUnavailable(HttpResponse<String> response) {
        assertEquals(503, response.statusCode(), response.body());
        assertEquals(ProblemType.GOTRUE_UNAVAILABLE.uri(), BrokerHarness.json(response).get("type").asText(), response.body());
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
    }
}
