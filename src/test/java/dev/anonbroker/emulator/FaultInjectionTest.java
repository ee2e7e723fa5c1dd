package dev.anonbroker.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Injected faults: latency, dropped connections, 429 and 500 in the flavor's shape, and the HTTP control endpoint. */
class FaultInjectionTest {

    private static GoTrueEmulator netlify;
    private static GoTrueEmulator supabase;

    @BeforeAll
    static void start() {
        netlify = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY));
        supabase = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE));
    }

    @AfterAll
    static void stop() {
        netlify.close();
        supabase.close();
    }

    @AfterEach
    void clear() {
        netlify.clearFaults();
        supabase.clearFaults();
    }

    @Test
    void latencyDelaysMatchingRequestsOnly() {
        netlify.setFault("GET /settings", FaultRule.latency(Duration.ofMillis(300)));
        TestHttp http = new TestHttp(netlify);
        long start = System.nanoTime();
        assertEquals(200, http.get("/settings").status());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);
        assertEquals(200, http.get("/health").status());
    }

    @Test
    void serverErrorsUseTheFlavorBody() {
        netlify.setFault("*", FaultRule.serverErrors(1));
        supabase.setFault("GET /health", FaultRule.serverErrors(1));
        TestHttp.Response n = new TestHttp(netlify).get("/health");
        assertEquals(500, n.status());
        assertEquals(500, n.json().get("code").asInt());
        assertTrue(n.json().get("error_id").isTextual());
        TestHttp.Response s = new TestHttp(supabase).get("/health");
        assertEquals("unexpected_failure", s.json().get("error_code").asText());
        assertEquals("unexpected_failure", s.header("x-sb-error-code"));
    }

    @Test
    void rateLimitFaultsCarryRetryAfterOnlyWhenAsked() {
        netlify.setFault("POST /token", FaultRule.rateLimited(1, Duration.ofSeconds(7)));
        TestHttp.Response limited = new TestHttp(netlify).postForm("/token", "grant_type=password");
        assertEquals("{\"code\":429,\"msg\":\"Rate limit exceeded\"}", limited.body());
        assertEquals("7", limited.header("Retry-After"));
        supabase.setFault("POST /token", FaultRule.rateLimited(1, null));
        TestHttp.Response plain = new TestHttp(supabase).postJson("/token?grant_type=password", "{}");
        assertEquals("over_request_rate_limit", plain.json().get("error_code").asText());
        assertNull(plain.header("Retry-After"));
    }

    @Test
    void droppedConnectionIsAnIoErrorForTheClient() {
        netlify.setFault("POST /signup", FaultRule.dropped(1));
        TestHttp http = new TestHttp(netlify);
        HttpRequest.Builder request = http.request("/signup")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.c\",\"password\":\"pw\"}"));
        assertThrows(IOException.class, () -> http.sendRaw(request));
        assertEquals(0, netlify.users().size());
        assertEquals(200, http.get("/health").status());
    }

    @Test
    void longestPrefixWins() {
        supabase.setFault("*", FaultRule.serverErrors(1));
        supabase.setFault("GET /health", FaultRule.NONE);
        supabase.setFault("GET /sett", FaultRule.rateLimited(1, null));
        TestHttp http = new TestHttp(supabase);
        assertEquals(500, http.get("/health").status());
        assertEquals(429, http.get("/settings").status());
        supabase.setFault("GET /health", FaultRule.latency(Duration.ofMillis(1)));
        assertEquals(200, http.get("/health").status());
    }

    @Test
    void faultsCanBeSteeredOverHttp() {
        TestHttp http = new TestHttp(supabase);
        TestHttp.Response put = http.send(http.request("/_emulator/faults").PUT(HttpRequest.BodyPublishers.ofString(
                "{\"route\":\"GET /settings\",\"server_error_share\":1,\"retry_after_s\":3}")));
        assertEquals(200, put.status(), put.body());
        assertEquals("GET /settings", put.json().at("/faults/0/route").asText());
        assertEquals(500, http.get("/settings").status());
        supabase.setFault("*", FaultRule.dropped(1));
        assertEquals(1.0, http.get("/_emulator/faults").json().at("/faults/0/drop_share").asDouble());
        assertEquals(0, http.delete("/_emulator/faults").json().get("faults").size());
        assertEquals(200, http.get("/settings").status());
    }

    @Test
    void badFaultControlRequestsAre400() {
        TestHttp http = new TestHttp(netlify);
        TestHttp.Response bad = http.send(http.request("/_emulator/faults").PUT(HttpRequest.BodyPublishers.ofString(
                "{\"route\":\"*\",\"drop_share\":2}")));
        assertEquals(400, bad.status());
        assertTrue(bad.json().get("error").asText().contains("drop_share"));
    }
}
