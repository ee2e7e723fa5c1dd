package dev.anonbroker.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.SweepOperator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GoTrue's admin API failing: while it answers 5xx the deletion queue waits (spending no attempts) and the sweep's
 * runs fail; once it recovers the queue and the scheduled sweep catch up and nothing is left behind. A 429 stops a run and its Retry-After holds
 * off the next.
 */
class SweepOutageTest {

    @Test
    void afterAnAdminApiOutageTheScheduledSweepCatchesUp() {
        Map<String, Object> properties = SweepOperator.manualSweeps("1ms");
        properties.put("broker.sweep.initial-delay", "50ms");
        properties.put("broker.sweep.interval", "150ms");
        properties.put("broker.cleanup.max-attempts", 2);
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties)) {
            MeterRegistry meters = broker.context().getBean(MeterRegistry.class);
            String other = EmulatorAdmin.of(broker.emulator().baseUrl(), false)
                    .createUser("visitor@example.com", Map.of(), null);
            broker.emulator().setFault("GET /admin/users", FaultRule.serverErrors(1.0));
            broker.emulator().setFault("DELETE /admin/users", FaultRule.serverErrors(1.0));
            for (int i = 0; i < 10; i++) {
                assertEquals(200, broker.post("/anon-session", null).statusCode());
            }
            Await.until("the queue waits for GoTrue and two sweeps failed", Duration.ofSeconds(15), () ->
                    meters.counter("broker.cleanup.deferrals", "reason", "gotrue_failing").count() >= 10
                            && meters.counter("broker.sweep.runs", "outcome", "gotrue_failed").count() >= 2);
            assertEquals(10, broker.throwawayUsers().size(), "the outage left every user behind");
            assertTrue(meters.counter("broker.sweep.failures").count() >= 4, "failed calls are counted");

            broker.emulator().clearFaults();

            Await.until("the sweep deleted every orphan", Duration.ofSeconds(15), () -> broker.throwawayUsers().isEmpty());
            assertEquals(1, broker.emulator().users().size());
            assertEquals(other, broker.emulator().users().get(0).id(), "the other user is intact");
            Await.until("every deletion is counted, by the queue or the sweep", Duration.ofSeconds(5), () ->
                    meters.counter("broker.cleanup.deletions", "outcome", "deleted").count()
                            + meters.counter("broker.sweep.orphans.deleted", "outcome", "deleted").count() == 10);
        }
    }

    @Test
    void aRateLimitedRunStopsAndItsRetryAfterHoldsOffTheNext() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE),
                SweepOperator.manualSweeps("1ms"))) {
            broker.emulator().setFault("GET /admin/users", FaultRule.rateLimited(1.0, Duration.ofSeconds(120)));

            JsonNode limited = SweepOperator.sweep(broker);
            assertEquals("RATE_LIMITED", limited.get("outcome").asText());
            assertEquals(120, limited.get("retry_after_seconds").asLong());
            assertEquals(1, limited.get("failures").asInt(), "a 429 is not retried within the run");

            broker.emulator().clearFaults();
            JsonNode next = SweepOperator.sweep(broker);
            assertEquals("DEFERRED", next.get("outcome").asText());
            assertTrue(next.get("retry_after_seconds").asLong() > 100, next.toString());
            assertEquals(0, next.get("pages_read").asInt(), "GoTrue is left alone until Retry-After has passed");
        }
    }
}
