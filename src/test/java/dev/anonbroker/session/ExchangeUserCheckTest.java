package dev.anonbroker.session;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 3b: a locally verified token's claims can be an hour old, so before minting and deleting, the
 * exchange asks GoTrue's admin API whether the user still exists and still carries the marker.
 */
class ExchangeUserCheckTest {

    private static final Map<EmulatorFlavor, BrokerHarness> LOCAL = new EnumMap<>(EmulatorFlavor.class);
    private static BrokerHarness remote;

    @BeforeAll
    static void start() {
        for (EmulatorFlavor flavor : EmulatorFlavor.values()) {
            LOCAL.put(flavor, BrokerHarness.start(BrokerHarness.emulatorOptions(flavor), Map.of()));
        }
        remote = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                BrokerHarness.remoteVerification(EmulatorFlavor.NETLIFY));
    }

    @AfterAll
    static void stop() {
        LOCAL.values().forEach(BrokerHarness::close);
        remote.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EmulatorFlavor.class)
    void userWhoseMarkerWasRemovedIsRefusedAndNotDeleted(EmulatorFlavor flavor) {
        BrokerHarness broker = LOCAL.get(flavor);
        String token = ExchangeFixtures.markedUserToken(broker);
        String userId = ExchangeFixtures.subject(token);
        ExchangeFixtures.removeMarker(broker, userId);

        HttpResponse<String> response = ExchangeFixtures.exchange(broker, token);

        assertEquals(403, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:not-a-throwaway-user", ExchangeFixtures.problem(response).get("type").asText());
        assertTrue(ExchangeFixtures.userExists(broker, userId), "the user is not deleted");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EmulatorFlavor.class)
    void userAlreadyGoneIsRefusedWith401(EmulatorFlavor flavor) {
        BrokerHarness broker = LOCAL.get(flavor);
        String token = ExchangeFixtures.markedUserToken(broker);
        ExchangeFixtures.deleteUser(broker, ExchangeFixtures.subject(token));

        HttpResponse<String> response = ExchangeFixtures.exchange(broker, token);

        assertEquals(401, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:invalid-token", ExchangeFixtures.problem(response).get("type").asText());
    }

    @Test
    void withGetUserTheAnswerIsAlreadyCurrent() {
        String token = ExchangeFixtures.markedUserToken(remote);
        String userId = ExchangeFixtures.subject(token);
        ExchangeFixtures.removeMarker(remote, userId);

        HttpResponse<String> response = ExchangeFixtures.exchange(remote, token);

        assertEquals(403, response.statusCode(), response.body());
        assertTrue(ExchangeFixtures.userExists(remote, userId), "the user is not deleted");
    }

    @Test
    void aTokenWhoseUserCheckFailedMayBeExchangedOnceGoTrueAnswersAgain() {
        BrokerHarness broker = LOCAL.get(EmulatorFlavor.NETLIFY);
        String token = ExchangeFixtures.markedUserToken(broker);
        broker.emulator().setFault("GET /admin/users", FaultRule.serverErrors(1.0));
        HttpResponse<String> failed;
        try {
            failed = ExchangeFixtures.exchange(broker, token);
        } finally {
            broker.emulator().setFault("GET /admin/users", FaultRule.NONE);
        }

        HttpResponse<String> retried = ExchangeFixtures.exchange(broker, token);

        assertEquals(503, failed.statusCode(), failed.body());
        assertTrue(failed.headers().firstValue("Retry-After").isPresent());
        assertEquals(200, retried.statusCode(), retried.body());
    }
}
