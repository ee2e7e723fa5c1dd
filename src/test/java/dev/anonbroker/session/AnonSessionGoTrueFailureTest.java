package dev.anonbroker.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GoTrue failing at each step of POST /anon-session (netlify signup mode, token checked by GET /user so that every
 * step is a GoTrue call): the caller gets the right problem, GoTrue's body never leaks, and once the queue drains
 * the emulator holds no throwaway user.
 */
class AnonSessionGoTrueFailureTest {

    private static BrokerHarness broker;

    record Step(String description, String route, FaultRule fault, int status) {
        @Override
        public String toString() {
            return description;
        }
    }

    @BeforeAll
    static void start() {
        Map<String, Object> properties = BrokerHarness.remoteVerification(EmulatorFlavor.NETLIFY);
        properties.put("broker.gotrue.read-timeout", "1s");
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @AfterEach
    void clearFaults() {
        broker.emulator().clearFaults();
    }

    static Stream<Step> steps() {
        return Stream.of(
                new Step("signup answers 500", "POST /signup", FaultRule.serverErrors(1.0), 503),
                new Step("signup drops the connection", "POST /signup", FaultRule.dropped(1.0), 503),
                new Step("signup answers 429", "POST /signup", FaultRule.rateLimited(1.0, Duration.ofSeconds(9)), 429),
                new Step("token grant answers 500", "POST /token", FaultRule.serverErrors(1.0), 503),
                new Step("token grant drops the connection", "POST /token", FaultRule.dropped(1.0), 503),
                new Step("token grant answers 429", "POST /token", FaultRule.rateLimited(1.0, null), 429),
                new Step("user lookup answers 500", "GET /user", FaultRule.serverErrors(1.0), 503),
                new Step("user lookup is too slow", "GET /user", FaultRule.latency(Duration.ofSeconds(3)), 503));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void failingStepGivesAProblemAndLeavesNoThrowawayUser(Step step) {
        broker.emulator().setFault(step.route(), step.fault());

        HttpResponse<String> response = broker.post("/anon-session", null);

        assertEquals(step.status(), response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), "Retry-After is set");
        JsonNode problem = BrokerHarness.json(response);
        assertEquals(step.status(), problem.get("status").asInt());
        assertFalse(response.body().contains("error_id") || response.body().contains("\"msg\""),
                "GoTrue's body must not reach the caller: " + response.body());
        broker.emulator().clearFaults();
        broker.awaitNoThrowawayUsers();
    }

    /**
     * A sign-up that outlasts the read timeout answers 503, but GoTrue may still create the user afterwards, and the
     * broker never learns its id. Such a user carries the marker and is the orphan sweep's to delete (issue 5);
     * here the test only shows that it is recognisably ours, then removes it itself.
     */
    @Test
    void signupSlowerThanTheReadTimeoutIs503AndMayLeaveAMarkedOrphan() {
        broker.emulator().setFault("POST /signup", FaultRule.latency(Duration.ofSeconds(2)));

        HttpResponse<String> response = broker.post("/anon-session", null);

        assertEquals(503, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:gotrue-unavailable", BrokerHarness.json(response).get("type").asText());
        Await.until("the late sign-up completed in GoTrue", Duration.ofSeconds(10), () -> broker.throwawayUsers().size() == 1);
        assertTrue(broker.throwawayUsers().get(0).email().endsWith("@anon.invalid"));
        broker.emulator().clearFaults();
        deleteDirectly(broker.throwawayUsers().get(0).id());
    }

    private static void deleteDirectly(String userId) {
        HttpResponse<String> deleted = BrokerHarness.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(broker.emulator().baseUrl() + "/admin/users/" + userId))
                .header("Authorization", "Bearer " + TestSecrets.OPERATOR_TOKEN).DELETE().build());
        assertEquals(200, deleted.statusCode());
    }

    @Test
    void retryAfterFromGoTrueIsPassedOnFor429() {
        broker.emulator().setFault("POST /signup", FaultRule.rateLimited(1.0, Duration.ofSeconds(9)));

        HttpResponse<String> response = broker.post("/anon-session", null);

        assertEquals(429, response.statusCode());
        assertEquals("9", response.headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void failingDeletionNeverFailsTheRequestAndIsRetriedUntilDone() {
        MeterRegistry meters = broker.context().getBean(MeterRegistry.class);
        double failuresBefore = meters.counter("broker.cleanup.failed.attempts").count();
        broker.emulator().setFault("DELETE /admin/users", FaultRule.rateLimited(1.0, Duration.ofSeconds(1)));

        HttpResponse<String> response = broker.post("/anon-session", null);

        assertEquals(200, response.statusCode(), response.body());
        Await.until("a deletion attempt failed", Duration.ofSeconds(10),
                () -> meters.counter("broker.cleanup.failed.attempts").count() > failuresBefore);
        assertEquals(1, broker.throwawayUsers().size(), "the user survives while GoTrue refuses deletes");
        broker.emulator().clearFaults();
        broker.awaitNoThrowawayUsers();
    }
}
