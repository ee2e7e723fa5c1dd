package dev.anonbroker.shared;

import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.FakeSiteverify;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two brokers on one Redis with Turnstile on; siteverify is {@link FakeSiteverify}, a local stand-in for
 * Cloudflare's API, which cannot be reached from tests. A token the provider could not judge on one broker (an HTML page instead of its answer) is released
 * in Redis (its reservation deleted) and accepted on the other; once accepted it is refused on both.
 */
class SharedCaptchaTest {

    private static final FakeSiteverify SITEVERIFY = FakeSiteverify.start();
    private static RedisServer redis;
    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        brokers = SharedBrokers.start(2, redis, Map.of("broker.captcha.provider", "turnstile",
                "broker.captcha.secret", FakeSiteverify.TURNSTILE_PASSES,
                "broker.captcha.verify-url", SITEVERIFY.turnstileUrl(), "broker.captcha.timeout", "2s"));
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
        SITEVERIFY.close();
    }

    private static HttpResponse<String> mint(int broker, String token) {
        return brokers.post(broker, "/anon-session", "{\"captcha_token\":\"" + token + "\"}",
                "Content-Type", "application/json");
    }

    private static String type(HttpResponse<String> response) {
        return BrokerHarness.json(response).get("type").asText();
    }

    @Test
    void aTokenReleasedOnOneBrokerIsAcceptedOnTheOtherAndThenSpentOnBoth() {
        String token = "turnstile-token-" + UUID.randomUUID();
        SITEVERIFY.answerGarbage(true);
        HttpResponse<String> providerDown = mint(0, token);
        SITEVERIFY.answerGarbage(false);
        int askedBefore = SITEVERIFY.requests().size();

        HttpResponse<String> accepted = mint(1, token);
        HttpResponse<String> replayOnFirst = mint(0, token);
        HttpResponse<String> replayOnSecond = mint(1, token);

        assertEquals(503, providerDown.statusCode(), providerDown.body());
        assertEquals("urn:anon-broker:problem:captcha-unavailable", type(providerDown));
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals("urn:anon-broker:problem:captcha-replayed", type(replayOnFirst));
        assertEquals("urn:anon-broker:problem:captcha-replayed", type(replayOnSecond));
        assertEquals(askedBefore + 1, SITEVERIFY.requests().size(), "replays never reach the provider");
    }
}
