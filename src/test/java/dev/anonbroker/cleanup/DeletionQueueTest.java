package dev.anonbroker.cleanup;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The deletion queue against the emulator: delay, retries until GoTrue recovers, hand-off to the sweep after the
 * last attempt, and the drain at graceful shutdown.
 */
class DeletionQueueTest {

    @Test
    void gracefulShutdownDeletesUsersThatWereStillWaiting() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.cleanup.delay", "1h"))) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, broker.post("/anon-session", null).statusCode());
            }
            assertEquals(5, broker.throwawayUsers().size(), "the delay keeps them for now");
            assertEquals(5, broker.context().getBean(DeletionQueue.class).pending());

            broker.stopBroker();

            assertEquals(0, broker.throwawayUsers().size(), "shutdown drained the queue");
        }
    }

    @Test
    void anOutageLongerThanTheRetryBudgetLosesNoUser() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE),
                Map.of("broker.cleanup.max-attempts", 3, "broker.sweep.enabled", false))) {
            MeterRegistry meters = broker.context().getBean(MeterRegistry.class);
            broker.emulator().setFault("DELETE /admin/users", FaultRule.serverErrors(1.0));

            for (int i = 0; i < 3; i++) {
                assertEquals(200, broker.post("/anon-session", null).statusCode());
            }

            Await.until("far more failed tries than the budget of 3 per user", Duration.ofSeconds(20), () ->
                    meters.counter("broker.cleanup.failed.attempts").count() >= 3 * 3 * 3);
            assertEquals(0, meters.counter("broker.cleanup.handed.to.sweep", "reason", "attempts_exhausted").count());
            assertEquals(3, broker.context().getBean(DeletionQueue.class).pending(), "all still queued");
            assertEquals(3, broker.throwawayUsers().size());

            broker.emulator().clearFaults();

            broker.awaitNoThrowawayUsers();
            assertEquals(true, meters.counter("broker.cleanup.deferrals", "reason", "gotrue_failing").count() > 0);
        }
    }

    @Test
    void deletionsAreCountedByOutcome() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of())) {
            MeterRegistry meters = broker.context().getBean(MeterRegistry.class);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, broker.post("/anon-session", null).statusCode());
            }
            broker.awaitNoThrowawayUsers();
            Await.until("three deletions counted", Duration.ofSeconds(5), () ->
                    meters.counter("broker.cleanup.deletions", "outcome", "deleted").count() == 3);
            String prometheus = broker.getManagement("/prometheus").body();
            assertEquals(true, prometheus.contains("broker_cleanup_deletions_total"), "exported to Prometheus");
            assertEquals(true, prometheus.contains("broker_sessions_issued_total"), "sessions exported to Prometheus");
            assertEquals(true, prometheus.contains("broker_gotrue_calls_seconds_count{operation=\"deleteUser\",outcome=\"ok\"}"),
                    "GoTrue calls timed by operation and outcome");
        }
    }
}
