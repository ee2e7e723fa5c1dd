package dev.anonbroker.gate.captcha;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.FakeSiteverify;
import dev.anonbroker.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.anonbroker.gate.captcha.TurnstileCaptchaTest.detail;
import static dev.anonbroker.gate.captcha.TurnstileCaptchaTest.mint;
import static dev.anonbroker.gate.captcha.TurnstileCaptchaTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The captcha gate with hCaptcha, over HTTP, against {@link FakeSiteverify} with hCaptcha's test secret. The test key
 * set has one passing token, so each test first moves the broker's clock past the 120 s the broker remembers it.
 */
class HCaptchaTest {

    private static final FakeSiteverify SITEVERIFY = FakeSiteverify.start();
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of(
                "broker.captcha.provider", "HCaptcha",
                "broker.captcha.secret", FakeSiteverify.HCAPTCHA_SECRET,
                "broker.captcha.verify-url", SITEVERIFY.hcaptchaUrl(),
                "broker.captcha.expected-hostnames", List.of(FakeSiteverify.HOSTNAME)), CLOCK);
    }

    @AfterAll
    static void stop() {
        broker.close();
        SITEVERIFY.close();
    }

    @BeforeEach
    void forgetTheTestToken() {
        CLOCK.advance(Duration.ofSeconds(121));
        SITEVERIFY.reset();
    }

    @Test
    void theTestTokenMintsAndTheProviderGetsSecretTokenAndIpButNoIdempotencyKey() {
        HttpResponse<String> response = mint(broker, FakeSiteverify.HCAPTCHA_TOKEN, "X-Forwarded-For", "198.51.100.7");

        assertEquals(200, response.statusCode(), response.body());
        Map<String, String> form = SITEVERIFY.requests().get(0);
        assertEquals(FakeSiteverify.HCAPTCHA_SECRET, form.get("secret"));
        assertEquals(FakeSiteverify.HCAPTCHA_TOKEN, form.get("response"));
        assertEquals("127.0.0.1", form.get("remoteip"));
        assertFalse(form.containsKey("idempotency_key"));
    }

    @Test
    void anotherTokenIsInvalidNamingNotUsingDummyPasscode() {
        HttpResponse<String> problem = refused(broker, "captcha-invalid", () -> mint(broker, "not-the-test-token"));

        assertTrue(detail(problem).contains("not-using-dummy-passcode"), problem.body());
    }

    @Test
    void aReplayWithin120SecondsIsRefusedOnOurSideAndAfterwardsByTheProvider() {
        assertEquals(200, mint(broker, FakeSiteverify.HCAPTCHA_TOKEN).statusCode());
        refused(broker, "captcha-replayed", () -> mint(broker, FakeSiteverify.HCAPTCHA_TOKEN));
        assertEquals(1, SITEVERIFY.requests().size());
        CLOCK.advance(Duration.ofSeconds(121));

        HttpResponse<String> problem = refused(broker, "captcha-invalid", () -> mint(broker, FakeSiteverify.HCAPTCHA_TOKEN));

        assertTrue(detail(problem).contains("invalid-or-already-seen-response"), problem.body());
        assertEquals(2, SITEVERIFY.requests().size());
    }

    @Test
    void a5xxIsNotRetriedBecauseHCaptchaHasNoIdempotencyKey() {
        SITEVERIFY.failNext(2, 500);

        refused(broker, "captcha-unavailable", () -> mint(broker, FakeSiteverify.HCAPTCHA_TOKEN));

        assertEquals(1, SITEVERIFY.requests().size());
    }

    @Test
    void aTokenSolvedOnAnotherHostnameIsInvalid() {
        SITEVERIFY.reportHostname("evil.example");

        refused(broker, "captcha-invalid", () -> mint(broker, FakeSiteverify.HCAPTCHA_TOKEN));
    }
}
