package dev.anonbroker.emulator;

import dev.anonbroker.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in limiters: buckets, keys and flavor bodies (src/main/docs/guide/gotrue-compatibility.md section 2.14).
 * */
class RateLimitTest {

    private static final String TOKEN_FORM = "grant_type=password&username=nobody@x.test&password=x";

    @Test
    void netlifyLimitsTokenPerWholeHeaderValue() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY)
                .withRateLimitHeader("X-Client-IP"))) {
            TestHttp http = new TestHttp(emulator);
            for (int i = 0; i < 30; i++) {
                assertEquals(400, http.postForm("/token", TOKEN_FORM, "X-Client-IP", "1.1.1.1, 2.2.2.2").status());
            }
            TestHttp.Response limited = http.postForm("/token", TOKEN_FORM, "X-Client-IP", "1.1.1.1, 2.2.2.2");
            assertEquals("{\"code\":429,\"msg\":\"Rate limit exceeded\"}", limited.body());
            assertNull(limited.header("Retry-After"));
            assertEquals(400, http.postForm("/token", TOKEN_FORM, "X-Client-IP", "1.1.1.1").status());
            assertEquals(200, http.postJson("/signup", "{\"email\":\"a@b.c\",\"password\":\"p\"}",
                    "X-Client-IP", "1.1.1.1, 2.2.2.2").status());
        }
    }

    @Test
    void netlifyWithoutHeaderNeverLimits() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY))) {
            TestHttp http = new TestHttp(emulator);
            for (int i = 0; i < 40; i++) {
                assertEquals(400, http.postForm("/token", TOKEN_FORM).status());
            }
        }
    }

    @Test
    void supabaseAnonymousLimitKeysOnFirstHeaderValueNotForwardedFor() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE)
                .withRateLimitHeader("X-Real-IP").withAnonymousRateLimit(5))) {
            TestHttp http = new TestHttp(emulator);
            for (int i = 0; i < 5; i++) {
                assertEquals(200, http.postJson("/signup", "{}", "X-Real-IP", "9.9.9.9, 8.8.8.8",
                        "X-Forwarded-For", "10.0.0." + i).status());
            }
            TestHttp.Response limited = http.postJson("/signup", "{}", "X-Real-IP", "9.9.9.9");
            assertEquals("{\"code\":429,\"error_code\":\"over_request_rate_limit\",\"msg\":\"Request rate limit reached\"}",
                    limited.body());
            assertEquals(200, http.postJson("/signup", "{}", "X-Real-IP", "7.7.7.7").status());
            assertEquals(200, http.postJson("/signup", "{}", "X-Real-IP", "9.9.9.9",
                    "Sb-Forwarded-For", "5.5.5.5").status());
        }
    }

    @Test
    void supabaseChecksGrantTypeBeforeTheTokenLimiter() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE))) {
            TestHttp http = new TestHttp(emulator);
            for (int i = 0; i < 30; i++) {
                http.postJson("/token?grant_type=password", "{}", "Sb-Forwarded-For", "3.3.3.3");
            }
            assertEquals(429, http.postJson("/token?grant_type=password", "{}", "Sb-Forwarded-For", "3.3.3.3").status());
            assertEquals(400, http.postJson("/token", "{}", "Sb-Forwarded-For", "3.3.3.3").status());
            assertEquals(400, http.postJson("/token?grant_type=password", "{}", "Sb-Forwarded-For", "bogus").status());
        }
    }

    @Test
    void bucketRefillsAtItsRate() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RateLimiter limiter = RateLimiter.perPeriod(30, 300, 30, clock);
        for (int i = 0; i < 30; i++) {
            assertTrue(limiter.tryAcquire("k"));
        }
        assertFalse(limiter.tryAcquire("k"));
        clock.advance(Duration.ofSeconds(9));
        assertFalse(limiter.tryAcquire("k"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(limiter.tryAcquire("k"));
        assertFalse(limiter.tryAcquire("k"));
        assertTrue(limiter.tryAcquire("other"));
    }

    @Test
    void supabaseKeyPrefersValidSbForwardedFor() {
        RateLimits limits = new RateLimits(TestHttp.options(EmulatorFlavor.SUPABASE).withRateLimitHeader("X-IP"),
                Clock.systemUTC());
        assertEquals("2001:db8::1", limits.supabaseKey(call("Sb-Forwarded-For", "2001:db8::1, 1.2.3.4", "X-IP", "5.5.5.5")));
        assertEquals("5.5.5.5", limits.supabaseKey(call("Sb-Forwarded-For", "300.1.1.1", "X-IP", " 5.5.5.5 ,6.6.6.6")));
        assertNull(limits.supabaseKey(call("X-IP", ", 6.6.6.6")));
        assertNull(limits.supabaseKey(call()));
    }

    private static Call call(String... headers) {
        com.sun.net.httpserver.Headers map = new com.sun.net.httpserver.Headers();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            map.add(headers[i], headers[i + 1]);
        }
        return new Call("POST", "/signup", null, map, new byte[0]);
    }
}
