package dev.anonbroker.shared;

import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.DpopProofs;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.FrontendGoTrue;
import dev.anonbroker.support.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two brokers on one Redis: a GoTrue token exchanged on one is refused on the other as already exchanged, and a DPoP
 * proof's {@code jti} used on one is refused on the other (the second broker takes the first's URL as a public base
 * URL, as replicas behind one public address do).
 */
class SharedExchangeAndDpopTest {

    private static RedisServer redis;
    private static SharedBrokers brokers;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        int firstPort = Ports.freePort();
        String firstBaseUrl = "http://localhost:" + firstPort + "/";
        brokers = SharedBrokers.start(redis, List.of(
                Map.of("micronaut.server.port", firstPort, "broker.dpop.public-base-urls", firstBaseUrl),
                Map.of("broker.dpop.public-base-urls", firstBaseUrl)));
    }

    @AfterAll
    static void stop() {
        SharedBrokers.closeAll(brokers, redis);
    }

    @Test
    void aGoTrueTokenExchangedOnOneBrokerIsRefusedOnTheOther() {
        String gotrueToken = FrontendGoTrue.signUpAndLogIn(brokers.emulator().baseUrl(), FrontendGoTrue.throwawayEmail(),
                EmulatorAdmin.marker("frontend-test"));

        HttpResponse<String> first = brokers.post(0, "/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken);
        HttpResponse<String> replay = brokers.post(1, "/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(401, replay.statusCode(), replay.body());
        assertTrue(BrokerHarness.json(replay).get("detail").asText().contains("already exchanged"), replay.body());
    }

    @Test
    void aDpopProofUsedOnOneBrokerIsRefusedOnTheOther() {
        String proof = new DpopProofs().proof(brokers.uri(0, "/anon-session"));
        assertTrue(brokers.uri(0, "/").toString().startsWith("http://localhost:"), "the proof's htu is the public base URL");

        HttpResponse<String> first = brokers.post(0, "/anon-session", null, "DPoP", proof);
        HttpResponse<String> replay = brokers.post(1, "/anon-session", null, "DPoP", proof);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals("DPoP", BrokerHarness.json(first).get("token_type").asText());
        assertEquals(403, replay.statusCode(), replay.body());
        assertEquals("urn:anon-broker:problem:dpop-proof-replayed", BrokerHarness.json(replay).get("type").asText());
    }
}
