package dev.anonbroker.gate.captcha;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.FakeSiteverify;
import dev.anonbroker.support.LogCapture;
import dev.anonbroker.support.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.anonbroker.gate.captcha.TurnstileCaptchaTest.detail;
import static dev.anonbroker.gate.captcha.TurnstileCaptchaTest.mint;
import static dev.anonbroker.gate.captcha.TurnstileCaptchaTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The captcha gate's setup, over HTTP: off, each provider test secret, a wrong secret, an unreachable provider, and
 * the configurations that must refuse to start. Each case starts its own broker.
 */
class CaptchaSetupTest {

    private static final FakeSiteverify SITEVERIFY = FakeSiteverify.start();

    @AfterAll
    static void stop() {
        SITEVERIFY.close();
    }

    private static BrokerHarness broker(Map<String, Object> captcha) {
        return BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), captcha);
    }

    private static Map<String, Object> turnstile(String secret, String verifyUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.captcha.provider", "turnstile");
        properties.put("broker.captcha.secret", secret);
        properties.put("broker.captcha.verify-url", verifyUrl);
        return properties;
    }

    @Test
    void withoutAProviderTheBrokerMintsWithoutATokenAndIgnoresOne() {
        SITEVERIFY.reset();
        try (BrokerHarness broker = broker(Map.of())) {
            assertEquals(200, broker.post("/anon-session", null).statusCode());
            assertEquals(200, mint(broker, "ignored").statusCode());
        }
        assertEquals(0, SITEVERIFY.requests().size());
    }

    static Stream<Arguments> turnstileTestSecrets() {
        return Stream.of(
                Arguments.of("2x...AA always fails", FakeSiteverify.TURNSTILE_FAILS, "invalid-input-response"),
                Arguments.of("3x...AA answers token already spent", FakeSiteverify.TURNSTILE_SPENT, "timeout-or-duplicate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("turnstileTestSecrets")
    void turnstileTestSecretsThatFailAreCaptchaInvalidNamingTheCode(String description, String secret, String code) {
        try (BrokerHarness broker = broker(turnstile(secret, SITEVERIFY.turnstileUrl()))) {
            HttpResponse<String> problem = refused(broker, "captcha-invalid", () -> mint(broker, "XXXX.DUMMY.TOKEN.XXXX"));

            assertTrue(detail(problem).contains(code), problem.body());
        }
    }

    static Stream<Arguments> wrongSecrets() {
        return Stream.of(
                Arguments.of("turnstile", "a-secret-that-is-wrong", "TURNSTILE"),
                Arguments.of("hcaptcha", "a-secret-that-is-wrong", "HCAPTCHA"));
    }

    @ParameterizedTest(name = "{0} with a wrong secret")
    @MethodSource("wrongSecrets")
    void aWrongSecretIs503AndAnErrorForTheOperatorWithoutTheSecret(String provider, String secret, String unused) {
        Map<String, Object> properties = turnstile(secret, provider.equals("turnstile")
                ? SITEVERIFY.turnstileUrl() : SITEVERIFY.hcaptchaUrl());
        properties.put("broker.captcha.provider", provider);
        List<ILoggingEvent> events;
        try (BrokerHarness broker = broker(properties); LogCapture logs = LogCapture.start(Level.INFO, Level.TRACE)) {
            HttpResponse<String> response = refused(broker, "captcha-unavailable", () -> mint(broker, "some-token"));
            assertTrue(response.headers().firstValue("Retry-After").isPresent());
            assertFalse(response.body().contains(secret));
            events = List.copyOf(logs.events());
        }
        assertTrue(events.stream().anyMatch(e -> e.getLevel() == Level.ERROR
                && e.getFormattedMessage().contains("broker.captcha.secret")), "an ERROR names the property");
        assertTrue(events.stream().noneMatch(e -> e.getFormattedMessage().contains(secret)
                || e.getFormattedMessage().contains("some-token")), "neither the secret nor the token is logged");
    }

    @Test
    void anUnreachableProviderIs503AfterOneRetry() {
        String closedPort = "http://127.0.0.1:" + Ports.freePort() + "/turnstile/v0/siteverify";
        try (BrokerHarness broker = broker(turnstile(FakeSiteverify.TURNSTILE_PASSES, closedPort))) {
            refused(broker, "captcha-unavailable", () -> mint(broker, "some-token"));
        }
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                Arguments.of("a provider without a secret", Map.of("broker.captcha.provider", "turnstile"),
                        "broker.captcha.secret"),
                Arguments.of("plain http to a host that is not loopback", Map.of("broker.captcha.provider", "turnstile",
                        "broker.captcha.secret", "s", "broker.captcha.verify-url", "http://siteverify.example/siteverify"),
                        "broker.captcha.verify-url"),
                Arguments.of("a verify URL that is not absolute", Map.of("broker.captcha.provider", "hcaptcha",
                        "broker.captcha.secret", "s", "broker.captcha.verify-url", "/siteverify"),
                        "broker.captcha.verify-url"),
                Arguments.of("an expected action with hCaptcha, which reports none", Map.of("broker.captcha.provider",
                        "hcaptcha", "broker.captcha.secret", "s", "broker.captcha.expected-action", "mint"),
                        "broker.captcha.expected-action"),
                Arguments.of("an unknown provider", Map.of("broker.captcha.provider", "recaptcha",
                        "broker.captcha.secret", "s"), "recaptcha"),
                Arguments.of("a provider with a typo", Map.of("broker.captcha.provider", "turnstyle",
                        "broker.captcha.secret", "s"), "broker.captcha.provider"));
    }

    @ParameterizedTest(name = "{0} refuses to start")
    @MethodSource("badConfigurations")
    void aBadConfigurationRefusesToStartNamingTheProperty(String description, Map<String, Object> captcha,
                                                          String named) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> broker(captcha).close());

        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains(named), messages.toString());
    }

    @Test
    void httpsToAnyHostAndHttpToLoopbackStart() {
        Map<String, Object> https = turnstile("s", "https://siteverify.example/turnstile/v0/siteverify");
        try (BrokerHarness broker = broker(https)) {
            assertTrue(broker.context().isRunning());
        }
        try (BrokerHarness broker = broker(turnstile("s", "http://localhost:1/siteverify"))) {
            assertTrue(broker.context().isRunning());
        }
    }
}
