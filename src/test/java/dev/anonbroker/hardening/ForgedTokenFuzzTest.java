package dev.anonbroker.hardening;

import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forged broker tokens ({@link ForgedToken}) wherever the broker reads a token: as bearer and as
 * {@code refresh_token} at refresh (so the test holds before and after refresh tokens), as bearer at exchange,
 * revocation and the sweep, and in the introspection and revocation forms. None is accepted, none is echoed, and every
 * answer follows {@link ResponseRules}.
 */
class ForgedTokenFuzzTest {

    private static HardenedBroker hardened;

    /** Where a token goes. */
    enum Target {
        REFRESH_BEARER, REFRESH_JSON, REFRESH_FORM, EXCHANGE_BEARER, REVOKE_BEARER, INTROSPECT_FORM, REVOKE_FORM,
        SWEEP_BEARER
    }

    @BeforeContainer
    static void start() {
        hardened = HardenedBroker.start();
    }

    @AfterContainer
    static void stop() {
        hardened.close();
    }

    @AfterProperty
    void theBrokerStillMints() {
        hardened.session();
    }

    @Example
    void aTokenSignedLikeTheForgeriesButUnchangedIsActive() {
        String control = ForgedToken.ours(hardened, ForgedToken.valid(hardened));
        HttpResponse<String> response = BackendCalls.introspect(hardened.broker, hardened.apiClient(), control);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(BrokerHarness.json(response).get("active").asBoolean(), "the forgeries start from a valid token");
    }

    @Property(tries = 250, shrinking = ShrinkingMode.OFF)
    void forgedTokensAreRefusedEverywhere(@ForAll ForgedToken forgery, @ForAll Target target) {
        String token = forgery.forge(hardened);
        HttpResponse<String> response = send(target, token);
        String request = target + " with " + forgery;

        ResponseRules.assertSafe(request, response, token, signatureOf(token));
        switch (target) {
            case INTROSPECT_FORM -> {
                assertEquals(200, response.statusCode(), request + ": " + response.body());
                assertFalse(BrokerHarness.json(response).get("active").asBoolean(), request + " is inactive");
            }
            case REVOKE_FORM -> assertEquals(200, response.statusCode(), request + " is answered 200 (RFC 7009)");
            default -> {
                assertNotEquals(200, response.statusCode(), request + " is refused: " + response.body());
                assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, request + ": " + response.body());
            }
        }
    }

    private static HttpResponse<String> send(Target target, String token) {
        BrokerHarness broker = hardened.broker;
        String bearer = "Bearer " + token;
        String json = "application/json";
        return switch (target) {
            case REFRESH_BEARER -> broker.post("/anon-session/refresh", null, "Authorization", bearer);
            case REFRESH_JSON -> broker.post("/anon-session/refresh", "{\"refresh_token\":\"" + token + "\"}",
                    "Content-Type", json);
            case REFRESH_FORM -> broker.post("/anon-session/refresh",
                    "refresh_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), "Content-Type", BackendCalls.FORM);
            case EXCHANGE_BEARER -> broker.post("/anon-session/exchange",
                    "{\"altcha\":\"" + hardened.altcha() + "\"}", "Content-Type", json, "Authorization", bearer);
            case REVOKE_BEARER -> broker.post("/revoke", BackendCalls.form(token), "Content-Type", BackendCalls.FORM,
                    "Authorization", bearer);
            case INTROSPECT_FORM -> BackendCalls.introspect(broker, hardened.apiClient(), token);
            case REVOKE_FORM -> BackendCalls.revoke(broker, hardened.apiClient(), token);
            case SWEEP_BEARER -> broker.post("/sweep", null, "Authorization", bearer.replace(TestSecrets.SWEEP_OPERATOR_TOKEN, ""));
        };
    }

    private static String signatureOf(String token) {
        int dot = token.lastIndexOf('.');
        return dot < 0 ? token : token.substring(dot + 1);
    }
}
