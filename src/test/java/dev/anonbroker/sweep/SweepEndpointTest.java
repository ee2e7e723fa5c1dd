package dev.anonbroker.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.SweepOperator;
import dev.anonbroker.support.TestSecrets;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The off switch, the schedule, the operator endpoint {@code /sweep} and its credential, one sweep at a time, and
 * the sweep's metrics.
 */
class SweepEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void switchedOffTheSweepBeansVanishAndTheEndpointIs404() {
        Map<String, Object> properties = SweepOperator.manualSweeps("2m");
        properties.put("broker.sweep.enabled", false);
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties)) {
            assertFalse(broker.context().containsBean(OrphanSweeper.class));
            assertFalse(broker.context().containsBean(SweepJob.class));
            assertFalse(broker.context().containsBean(SweepController.class));
            HttpResponse<String> response = broker.post("/sweep", null, "Authorization", "Bearer " + TestSecrets.SWEEP_OPERATOR_TOKEN);
            assertEquals(404, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        }
    }

    @Test
    void switchedOnTheJobRunsSoonAfterStartUpAndThenOnItsInterval() {
        Map<String, Object> properties = SweepOperator.manualSweeps("2m");
        properties.put("broker.sweep.initial-delay", "100ms");
        properties.put("broker.sweep.interval", "200ms");
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties)) {
            assertTrue(broker.context().containsBean(OrphanSweeper.class));
            assertTrue(broker.context().containsBean(SweepJob.class));
            assertTrue(broker.context().containsBean(SweepController.class));
            MeterRegistry meters = broker.context().getBean(MeterRegistry.class);
            Await.until("the start-up run and a scheduled run", WAIT, () ->
                    meters.counter("broker.sweep.runs", "outcome", "completed").count() >= 2);
            assertEquals(200, SweepOperator.last(broker).statusCode());
            String prometheus = broker.getManagement("/prometheus").body();
            for (String meter : new String[]{"broker_sweep_runs_total", "broker_sweep_users_scanned_total",
                    "broker_sweep_orphans_deleted_total", "broker_sweep_failures_total", "broker_sweep_duration_seconds"}) {
                assertTrue(prometheus.contains(meter), meter + " is exported");
            }
        }
    }

    @Test
    void withoutAnOperatorTokenTheSweepRunsButTheEndpointDoesNotExist() {
        Map<String, Object> properties = SweepOperator.manualSweeps("2m");
        properties.put("broker.sweep.operator-token", null);
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties)) {
            assertTrue(broker.context().containsBean(SweepJob.class));
            assertFalse(broker.context().containsBean(SweepController.class));
            assertEquals(404, broker.post("/sweep", null, "Authorization", "Bearer anything-at-all-here").statusCode());
        }
    }

    @Test
    void theEndpointRefusesAMissingOrWrongCredentialWith401() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE),
                SweepOperator.manualSweeps("2m"))) {
            assertUnauthorized(broker.post("/sweep", null));
            assertUnauthorized(broker.post("/sweep", null, "Authorization", "Bearer " + TestSecrets.SWEEP_OPERATOR_TOKEN + "x"));
            assertUnauthorized(broker.post("/sweep", null, "Authorization", "Basic " + TestSecrets.SWEEP_OPERATOR_TOKEN));
            assertUnauthorized(broker.get("/sweep", "Authorization", "Bearer " + TestSecrets.OPERATOR_TOKEN));
            assertEquals(0, broker.context().getBean(MeterRegistry.class).find("broker.sweep.runs").counters().size(),
                    "no sweep ran");
        }
    }

    @Test
    void getAnswersTheLastRunsSummary() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                SweepOperator.manualSweeps("2m"))) {
            HttpResponse<String> none = SweepOperator.last(broker);
            assertEquals(404, none.statusCode(), "no run yet");
            assertEquals("urn:anon-broker:problem:not-found", BrokerHarness.json(none).get("type").asText());

            JsonNode run = SweepOperator.sweep(broker);
            assertEquals("OPERATOR", run.get("trigger").asText());
            assertEquals("COMPLETED", run.get("outcome").asText());
            assertEquals(1, run.get("pages_read").asInt());
            assertEquals(0, run.get("next_position").asLong());
            assertTrue(run.hasNonNull("finished_at"));

            HttpResponse<String> last = SweepOperator.last(broker);
            assertEquals(200, last.statusCode());
            assertEquals(run, BrokerHarness.json(last));
        }
    }

    @Test
    void aSecondTriggerWhileASweepRunsStartsNothingAndAnswersItsProgress() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                SweepOperator.manualSweeps("2m"))) {
            broker.emulator().setFault("GET /admin/users", FaultRule.latency(Duration.ofSeconds(3)));
            CompletableFuture<JsonNode> other = CompletableFuture.supplyAsync(() -> SweepOperator.sweep(broker));

            JsonNode mine = SweepOperator.sweep(broker);

            List<JsonNode> answers = List.of(mine, other.join());
            JsonNode progress = answers.stream().filter(answer -> "RUNNING".equals(answer.get("outcome").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("one trigger answers the other's progress: " + answers));
            assertFalse(progress.has("finished_at"), "not finished");
            assertEquals(1, answers.stream().filter(answer -> "COMPLETED".equals(answer.get("outcome").asText())).count());
            assertEquals(1, broker.context().getBean(MeterRegistry.class)
                    .counter("broker.sweep.runs", "outcome", "completed").count(), "one run only");
        }
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals("urn:anon-broker:problem:invalid-token", BrokerHarness.json(response).get("type").asText());
        assertFalse(response.body().contains(TestSecrets.SWEEP_OPERATOR_TOKEN), "the credential is never echoed");
    }
}
