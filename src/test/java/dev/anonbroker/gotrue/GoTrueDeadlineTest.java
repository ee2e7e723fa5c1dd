package dev.anonbroker.gotrue;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code broker.gotrue.request-deadline} over real HTTP: a GoTrue whose sign-ups hang far longer than the deadline
 * (and whose read timeout is longer still, so only the deadline can cut the call) gives every visitor a prompt 503
 * {@code gotrue-unavailable} with {@code Retry-After}, however many wait at once; once GoTrue answers again, so does
 * the broker.
 */
class GoTrueDeadlineTest {

    private static final int VISITORS = 40;
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    /** The deadline plus room for a loaded machine; the sign-ups themselves hang for 20 s. */
    private static final Duration ANSWER_WITHIN = Duration.ofMillis(2500);

    @Test
    void hangingSignUpsAnswer503WithinTheDeadlineForEveryConcurrentVisitor() {
        Map<String, Object> properties = Map.of(
                "broker.gotrue.request-deadline", "1s",
                "broker.gotrue.read-timeout", "30s",
                "broker.gotrue.circuit-breaker.enabled", false);
        ExecutorService visitors = Executors.newFixedThreadPool(VISITORS);
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties)) {
            broker.emulator().setFault("POST /signup", FaultRule.latency(Duration.ofSeconds(20)));

            List<CompletableFuture<TimedAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < VISITORS; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> response = broker.post("/anon-session", null);
                    return new TimedAnswer(response, Duration.ofNanos(System.nanoTime() - start));
                }, visitors));
            }
            for (CompletableFuture<TimedAnswer> future : answers) {
                TimedAnswer answer = future.join();
                HttpResponse<String> response = answer.response();
                assertEquals(503, response.statusCode(), response.body());
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                assertEquals(ProblemType.GOTRUE_UNAVAILABLE.uri(), BrokerHarness.json(response).get("type").asText(), response.body());
                long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
                assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
                assertTrue(answer.took().compareTo(ANSWER_WITHIN) < 0,
                        "answered after " + answer.took().toMillis() + " ms with a deadline of " + DEADLINE.toMillis() + " ms");
            }

            broker.emulator().clearFaults();
            assertEquals(200, broker.post("/anon-session", null).statusCode(), "GoTrue answers again, so does the broker");
        } finally {
            visitors.shutdownNow();
        }
    }

    private record TimedAnswer(HttpResponse<String> response, Duration took) {
    }
}
