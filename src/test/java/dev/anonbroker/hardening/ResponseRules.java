package dev.anonbroker.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.support.BrokerHarness;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every answer to hostile input must be: never a 5xx but a documented 503 with {@code Retry-After}; every error
 * an {@code application/problem+json} of a catalogued type, without internals and without an echo of the input.
 */
final class ResponseRules {

    private static final Set<String> TYPES = Arrays.stream(ProblemType.values()).map(ProblemType::uri)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> RETRYABLE_503 = Arrays.stream(ProblemType.values())
            .filter(type -> type.status().getCode() == 503).map(ProblemType::uri).collect(Collectors.toUnmodifiableSet());
    /** Traces of a stack trace, a class name or a library's own message. */
    private static final List<String> INTERNALS = List.of("exception", "\tat ", "at java.", "at io.", "java.",
            "io.micronaut", "io.netty", "com.fasterxml", "com.nimbusds", "dev.anonbroker", "jackson", "netty",
            "nimbus", "stacktrace", "caused by", "unexpected error", "unrecognized token", "illegal");

    private ResponseRules() {
    }

    /**
     * Asserts the rules for one answer.
     *
     * @param echoes parts of the hostile input that must not come back (markers, forged tokens)
     */
    static void assertSafe(String request, HttpResponse<String> response, String... echoes) {
        String where = request + " -> " + response.statusCode() + " " + abbreviated(response.body());
        int status = response.statusCode();
        if (status >= 500) {
            assertEquals(503, status, "no 5xx other than 503: " + where);
            assertTrue(response.headers().firstValue("Retry-After").isPresent(), "a 503 has Retry-After: " + where);
        }
        for (String echo : echoes) {
            if (echo != null && echo.length() >= 8) {
                assertFalse(response.body().contains(echo), "the input is echoed: " + where);
                // CORS answers name the caller's origin by design (gate/OriginFilter).
                response.headers().map().entrySet().stream()
                        .filter(header -> !header.getKey().equalsIgnoreCase("Access-Control-Allow-Origin"))
                        .flatMap(header -> header.getValue().stream())
                        .forEach(value -> assertFalse(value.contains(echo), "a header echoes the input: " + where));
            }
        }
        if (status < 400 || response.body().isEmpty() && "HEAD".equals(request.split(" ")[0])) {
            return;
        }
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""),
                "an error is problem+json: " + where);
        String lower = response.body().toLowerCase(Locale.ROOT);
        INTERNALS.forEach(internal -> assertFalse(lower.contains(internal), "internals (" + internal + "): " + where));
        JsonNode problem = BrokerHarness.json(response);
        assertTrue(TYPES.contains(problem.path("type").asText()), "a catalogued problem type: " + where);
        assertEquals(status, problem.path("status").asInt(), "the problem's status: " + where);
        if (status == 503) {
            assertTrue(RETRYABLE_503.contains(problem.get("type").asText()), "a documented 503 type: " + where);
        }
        assertNotNull(problem.get("detail"), where);
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
