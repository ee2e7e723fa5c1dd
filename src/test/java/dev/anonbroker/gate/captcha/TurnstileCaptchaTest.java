package dev.anonbroker.gate.captcha;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.CreatedUsers;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.FakeSiteverify;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The captcha gate with Cloudflare Turnstile, over HTTP: the broker in front of the emulator, siteverify played by
 * {@link FakeSiteverify} with the always-passing test secret, expected hostname and action configured.
 */
class TurnstileCaptchaTest {

    static final String ACTION = "anon-session";
    private static final FakeSiteverify SITEVERIFY = FakeSiteverify.start();
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of(
                "broker.captcha.provider", "turnstile",
                "broker.captcha.secret", FakeSiteverify.TURNSTILE_PASSES,
                "broker.captcha.verify-url", SITEVERIFY.turnstileUrl(),
                "broker.captcha.expected-hostnames", List.of(FakeSiteverify.HOSTNAME, "other.example"),
                "broker.captcha.expected-action", ACTION,
                "broker.captcha.timeout", "2s"));
    }

    @AfterAll
    static void stop() {
        broker.close();
        SITEVERIFY.close();
    }

    @BeforeEach
    void answerNormally() {
        SITEVERIFY.reset();
        SITEVERIFY.reportAction(ACTION);
    }

    static HttpResponse<String> mint(BrokerHarness broker, String token, String... headers) {
        String body = token == null ? "{}" : "{\"captcha_token\":\"" + token + "\"}";
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return broker.post("/anon-session", body, all);
    }

    static String detail(HttpResponse<String> response) {
        return BrokerHarness.json(response).path("detail").asText();
    }

    /** Sends the request and checks it was refused with {@code type}, created no GoTrue user and leaked no secret. */
    static HttpResponse<String> refused(BrokerHarness broker, String type, Supplier<HttpResponse<String>> request) {
        broker.awaitNoThrowawayUsers();
        CreatedUsers usersBefore = CreatedUsers.since(broker.emulator());
        HttpResponse<String> response = request.get();
        JsonNode problem = BrokerHarness.json(response);
        assertEquals("urn:anon-broker:problem:" + type, problem.path("type").asText(), response.body());
        assertEquals(type.equals("captcha-unavailable") || type.equals("gate-at-capacity") ? 503 : 403,
                response.statusCode());
        assertEquals(List.of(), usersBefore.ids(), "no GoTrue user was created");
        for (String secret : List.of(FakeSiteverify.TURNSTILE_PASSES, FakeSiteverify.HCAPTCHA_SECRET, "error-codes")) {
            assertFalse(response.body().contains(secret), "the problem repeats a secret or the provider's body");
        }
        return response;
    }

    private static String token() {
        return "turnstile-token-" + UUID.randomUUID();
    }

    @Test
    void anAcceptedTokenMintsAndTheProviderGetsSecretTokenAndTheResolvedVisitorIp() {
        String token = token();

        HttpResponse<String> response = mint(broker, token, "X-Forwarded-For", "203.0.113.9");

        assertEquals(200, response.statusCode(), response.body());
        Map<String, String> form = SITEVERIFY.requests().get(0);
        assertEquals(FakeSiteverify.TURNSTILE_PASSES, form.get("secret"));
        assertEquals(token, form.get("response"));
        assertEquals("127.0.0.1", form.get("remoteip"), "the peer, not the forged X-Forwarded-For");
        UUID.fromString(form.get("idempotency_key"));
        assertEquals(1, SITEVERIFY.requests().size());
        broker.awaitNoThrowawayUsers();
    }

    @Test
    void eachCheckHasItsOwnIdempotencyKey() {
        assertEquals(200, mint(broker, token()).statusCode());
        assertEquals(200, mint(broker, token()).statusCode());

        assertNotEquals(SITEVERIFY.requests().get(0).get("idempotency_key"),
                SITEVERIFY.requests().get(1).get("idempotency_key"));
    }

    @Test
    void theTokenIsAlsoReadFromAFormBody() {
        String token = token();

        HttpResponse<String> response = broker.post("/anon-session", "captcha_token=" + token,
                "Content-Type", "application/x-www-form-urlencoded");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(token, SITEVERIFY.requests().get(0).get("response"));
    }

    @Test
    void withoutATokenTheMintIsRefusedAsCaptchaRequiredWithoutAskingTheProvider() {
        HttpResponse<String> noBody = refused(broker, "captcha-required", () -> broker.post("/anon-session", null));
        refused(broker, "captcha-required", () -> mint(broker, null));
        refused(broker, "captcha-required", () -> mint(broker, " "));

        assertTrue(detail(noBody).contains("captcha_token"), noBody.body());
        assertEquals(0, SITEVERIFY.requests().size());
    }

    @Test
    void theExchangeEndpointAlsoRequiresACaptchaButRefreshDoesNot() {
        HttpResponse<String> minted = mint(broker, token());

        refused(broker, "captcha-required", () -> broker.post("/anon-session/exchange", null,
                "Authorization", "Bearer not-checked-before-the-captcha"));
        HttpResponse<String> refreshed = broker.refresh(BrokerHarness.refreshTokenOf(minted));

        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertEquals(1, SITEVERIFY.requests().size());
    }

    @Test
    void aTokenLongerThanTurnstileAllowsIsRefusedWithoutAskingTheProvider() {
        refused(broker, "captcha-invalid", () -> mint(broker, "x".repeat(2049)));

        assertEquals(0, SITEVERIFY.requests().size());
    }

    @Test
    void aReplayIsRefusedOnOurSideWithoutASecondProviderCall() {
        String token = token();
        assertEquals(200, mint(broker, token).statusCode());

        HttpResponse<String> problem = refused(broker, "captcha-replayed", () -> mint(broker, token));

        assertTrue(detail(problem).contains("captcha_token"), problem.body());
        assertEquals(1, SITEVERIFY.requests().size());
    }

    @Test
    void aConcurrentReplayIsRefusedWhileTheFirstUseIsStillBeingChecked() throws Exception {
        String token = token();
        CountDownLatch release = SITEVERIFY.holdAnswers();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> mint(broker, token));
        Await.until("the provider is asked about the first use", Duration.ofSeconds(10),
                () -> SITEVERIFY.requests().size() == 1);

        refused(broker, "captcha-replayed", () -> mint(broker, token));
        release.countDown();

        assertEquals(200, first.get().statusCode(), first.get().body());
        assertEquals(1, SITEVERIFY.requests().size());
    }

    @Test
    void aTokenSolvedOnAnotherHostnameIsInvalid() {
        SITEVERIFY.reportHostname("evil.example");

        refused(broker, "captcha-invalid", () -> mint(broker, token()));
    }

    @Test
    void aSecondExpectedHostnameIsAcceptedCaseInsensitively() {
        SITEVERIFY.reportHostname("Other.Example");

        assertEquals(200, mint(broker, token()).statusCode());
    }

    @Test
    void aTokenForAnotherActionOrWithoutActionIsInvalid() {
        SITEVERIFY.reportAction("login");
        refused(broker, "captcha-invalid", () -> mint(broker, token()));
        SITEVERIFY.reportAction(null);
        refused(broker, "captcha-invalid", () -> mint(broker, token()));
    }

    @Test
    void aTokenTheProviderAlreadySpentIsInvalidNamingTimeoutOrDuplicate() {
        String token = token();
        SITEVERIFY.reportHostname("evil.example");
        refused(broker, "captcha-invalid", () -> mint(broker, token));
        SITEVERIFY.reportHostname(FakeSiteverify.HOSTNAME);

        HttpResponse<String> problem = refused(broker, "captcha-invalid", () -> mint(broker, token));

        assertTrue(detail(problem).contains("timeout-or-duplicate"), problem.body());
        assertEquals(2, SITEVERIFY.requests().size(), "a refused token is not remembered, so it reached the provider");
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIs503AndNotRetried() {
        CountDownLatch release = SITEVERIFY.holdAnswers();
        try {
            HttpResponse<String> response = refused(broker, "captcha-unavailable", () -> mint(broker, token()));

            assertTrue(response.headers().firstValue("Retry-After").isPresent());
            assertEquals(1, SITEVERIFY.requests().size());
        } finally {
            release.countDown();
        }
    }

    @Test
    void a5xxIsRetriedOnceWithTheSameIdempotencyKeyThen503() {
        SITEVERIFY.failNext(2, 502);
        HttpResponse<String> response = refused(broker, "captcha-unavailable", () -> mint(broker, token()));

        assertEquals("5", response.headers().firstValue("Retry-After").orElse(""));
        assertEquals(2, SITEVERIFY.requests().size());
        String key = SITEVERIFY.requests().get(0).get("idempotency_key");
        assertEquals(key, SITEVERIFY.requests().get(1).get("idempotency_key"));
    }

    @Test
    void aRetryAfterA5xxGetsTheFirstAnswerAndMints() {
        SITEVERIFY.failNext(1, 500);

        HttpResponse<String> response = mint(broker, token());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, SITEVERIFY.requests().size());
        assertEquals(SITEVERIFY.requests().get(0).get("idempotency_key"), SITEVERIFY.requests().get(1).get("idempotency_key"));
    }

    @Test
    void anAnswerThatIsNotJsonIs503() {
        SITEVERIFY.answerGarbage(true);

        refused(broker, "captcha-unavailable", () -> mint(broker, token()));

        assertEquals(1, SITEVERIFY.requests().size());
    }

    @Test
    void aTokenNotAcceptedBecauseTheProviderFailedCanBeUsedAgain() {
        String token = token();
        SITEVERIFY.answerGarbage(true);
        refused(broker, "captcha-unavailable", () -> mint(broker, token));
        SITEVERIFY.answerGarbage(false);

        assertEquals(200, mint(broker, token).statusCode());
    }
}
