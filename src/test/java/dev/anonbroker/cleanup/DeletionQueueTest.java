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
    void afterTheLastAttemptTheUserIsLeftForTheSweepAndCounted() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE),
                Map.of("broker.cleanup.max-attempts", 3))) {
            MeterRegistry meters = broker.context().getBean(MeterRegistry.class);
            broker.emulator().setFault("DELETE /admin/users", FaultRule.serverErrors(1.0));

            assertEquals(200, broker.post("/anon-session", null).statusCode());

            Await.until("the user was handed to the sweep", Duration.ofSeconds(10), () ->
                    meters.counter("broker.cleanup.handed.to.sweep", "reason", "attempts_exhausted").count() == 1);
            assertEquals(3, meters.counter("broker.cleanup.failed.attempts").count());
            assertEquals(0, broker.context().getBean(DeletionQueue.class).pending());
            assertEquals(1, broker.throwawayUsers().size(), "left for the sweep");
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
