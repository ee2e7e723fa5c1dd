package dev.anonbroker.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.FrontendGoTrue;
import dev.anonbroker.support.IndependentVerifier;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /anon-session/exchange with a GoTrue token the frontend obtained itself, verified both locally (JWT secret)
 * and by GoTrue (operator token only).
 */
class ExchangeTest {

    private static final Map<String, Object> MARKER = EmulatorAdmin.marker("frontend-test");
    private static BrokerHarness local;
    private static BrokerHarness remote;

    @BeforeAll
    static void start() {
        local = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of());
        remote = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                BrokerHarness.remoteVerification(EmulatorFlavor.NETLIFY));
    }

    @AfterAll
    static void stop() {
        local.close();
        remote.close();
    }

    private static BrokerHarness broker(String verification) {
        return "local".equals(verification) ? local : remote;
    }

    private static String throwawayToken(BrokerHarness broker) {
        return FrontendGoTrue.signUpAndLogIn(broker.emulator().baseUrl(),
                FrontendGoTrue.throwawayEmail(), MARKER);
    }

    @ParameterizedTest(name = "{0} verification")
    @ValueSource(strings = {"local", "remote"})
    void exchangesAThrowawayUsersTokenOnceAndDeletesTheUser(String verification) throws Exception {
        BrokerHarness broker = broker(verification);
        String gotrueToken = throwawayToken(broker);

        HttpResponse<String> first = broker.post("/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken);
        HttpResponse<String> replay = broker.post("/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken);

        assertEquals(200, first.statusCode(), first.body());
        JsonNode body = BrokerHarness.json(first);
        String userId = IndependentVerifier.verify(broker.uri("").toString(), "backend", body.get("access_token").asText())
                .getSubject();
        assertEquals(401, replay.statusCode(), replay.body());
        assertTrue(replay.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        Await.until("the exchanged user is deleted", Duration.ofSeconds(10),
                () -> broker.emulator().users().stream().noneMatch(u -> u.id().equals(userId)));
    }

    @ParameterizedTest(name = "{0} verification")
    @ValueSource(strings = {"local", "remote"})
    void refusesAUserWithoutTheMarkerAndNeverDeletesIt(String verification) {
        BrokerHarness broker = broker(verification);
        String email = "someone-" + TestSecrets.random(6).toLowerCase() + "@example.com";
        String gotrueToken = FrontendGoTrue.signUpAndLogIn(broker.emulator().baseUrl(), email, Map.of("full_name", "Real Person"));

        HttpResponse<String> response = broker.post("/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken);

        assertEquals(403, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:not-a-throwaway-user", BrokerHarness.json(response).get("type").asText());
        assertTrue(broker.emulator().users().stream().anyMatch(u -> u.email().equals(email)), "the real user survives");
    }

    @Test
    void refusesAMarkedUserOutsideTheBrokersEmailDomain() {
        String email = "anon-" + TestSecrets.random(6).toLowerCase() + "@example.com";
        String gotrueToken = FrontendGoTrue.signUpAndLogIn(local.emulator().baseUrl(), email, MARKER);

        HttpResponse<String> response = local.post("/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken);

        assertEquals(403, response.statusCode(), response.body());
        assertTrue(local.emulator().users().stream().anyMatch(u -> u.email().equals(email)), "the user survives");
    }

    @ParameterizedTest(name = "Authorization: ''{0}''")
    @ValueSource(strings = {"", "Basic abc", "Bearer not.a.jwt", "Bearer "})
    void refusesMissingOrBadBearerWith401(String authorization) {
        HttpResponse<String> response = authorization.isEmpty()
                ? local.post("/anon-session/exchange", null)
                : local.post("/anon-session/exchange", null, "Authorization", authorization);

        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    }
}
