package dev.anonbroker.problem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.CreatedUsers;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error, the framework's included, is application/problem+json with type, title, status and detail, and
 * nothing internal leaks.
 */
class ProblemRenderingTest {

    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("micronaut.server.max-request-size", "1KB"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = BrokerHarness.json(response);
        assertTrue(problem.get("type").asText().startsWith("urn:anon-broker:problem:"));
        assertEquals(status, problem.get("status").asInt());
        assertFalse(problem.get("title").asText().isEmpty());
        assertFalse(problem.get("detail").asText().isEmpty());
        assertFalse(response.body().contains("Exception") || response.body().contains("at dev.anonbroker"),
                "no stack trace or exception name: " + response.body());
        return problem;
    }

    @Test
    void unknownPathIs404() {
        assertProblem(broker.get("/no-such-endpoint"), 404);
    }

    @Test
    void wrongMethodIs405() {
        assertProblem(broker.get("/anon-session"), 405);
    }

    @Test
    void malformedJsonIs400AndCreatesNoUser() {
        CreatedUsers before = CreatedUsers.since(broker.emulator());
        JsonNode problem = assertProblem(broker.post("/anon-session", "{\"audience\": ", "Content-Type", "application/json"), 400);
        assertEquals("urn:anon-broker:problem:malformed-request", problem.get("type").asText());
        assertEquals(List.of(), before.ids(), "no GoTrue user was created");
    }

    @Test
    void unknownAudienceIs400AndCreatesNoUser() {
        CreatedUsers before = CreatedUsers.since(broker.emulator());
        assertProblem(broker.post("/anon-session", "{\"audience\":\"other\"}", "Content-Type", "application/json"), 400);
        assertEquals(List.of(), before.ids(), "no GoTrue user was created");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = "{\"audience\":\"" + "x".repeat(4096) + "\"}";
        assertProblem(broker.post("/anon-session", big, "Content-Type", "application/json"), 413);
    }

    @Test
    void aBrowserAskingForHtmlStillGetsProblemJson() {
        HttpResponse<String> response = BrokerHarness.send(HttpRequest.newBuilder(broker.uri("/missing"))
                .header("Accept", "text/html").GET().build());
        assertProblem(response, 404);
    }

    @Test
    void aKnownAudienceInTheBodyIsAccepted() {
        HttpResponse<String> response = broker.post("/anon-session", "{\"audience\":\"backend\"}", "Content-Type", "application/json");
        assertEquals(200, response.statusCode(), response.body());
        broker.awaitNoThrowawayUsers();
    }
}
