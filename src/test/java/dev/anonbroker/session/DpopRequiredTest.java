package dev.anonbroker.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.CreatedUsers;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.DpopProofs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code broker.dpop.enabled: true}: every mint (start, exchange, refresh) needs a valid proof, and a refused one
 * creates no GoTrue user; a proof may name the broker's URL as the client sees it through a site's proxy
 * ({@code broker.dpop.public-base-urls}).
 */
class DpopRequiredTest {

    private static final String PROXY_BASE = "https://site.example/api";
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of(
                "broker.dpop.enabled", "true", "broker.dpop.public-base-urls", PROXY_BASE + "/"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static void assertRefused(HttpResponse<String> response, String type) {
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:" + type, BrokerHarness.json(response).get("type").asText());
    }

    private static String jkt(HttpResponse<String> response) throws Exception {
        assertEquals("DPoP", BrokerHarness.json(response).get("token_type").asText(), response.body());
        return (String) SignedJWT.parse(BrokerHarness.accessTokenOf(response)).getJWTClaimsSet()
                .getJSONObjectClaim("cnf").get("jkt");
    }

    @Test
    void aMintWithoutAProofIsRefusedBeforeGoTrueIsAsked() {
        CreatedUsers usersBefore = CreatedUsers.since(broker.emulator());

        assertRefused(broker.post("/anon-session", null), "dpop-proof-required");
        assertEquals(List.of(), usersBefore.ids(), "no GoTrue user was created");
    }

    @Test
    void aMintWithAProofIsBound() throws Exception {
        DpopProofs key = new DpopProofs();
        HttpResponse<String> minted = broker.post("/anon-session", null, "DPoP", key.proof(broker.uri("/anon-session")));

        assertEquals(key.thumbprint(), jkt(minted));
        String refreshToken = BrokerHarness.refreshTokenOf(minted);
        assertRefused(broker.refresh(refreshToken), "dpop-proof-required");
        assertEquals(key.thumbprint(), jkt(broker.refresh(refreshToken, "DPoP",
                key.proof(broker.uri("/anon-session/refresh")))));
    }

    @Test
    void aProofMayNameTheUrlOfTheSitesProxy() throws Exception {
        DpopProofs key = new DpopProofs();
        String proof = key.proof(URI.create(PROXY_BASE + "/anon-session"));

        assertEquals(key.thumbprint(), jkt(broker.post("/anon-session", null, "DPoP", proof)));
        assertRefused(broker.post("/anon-session", null, "DPoP",
                key.proof(URI.create("https://site.example/anon-session"))), "dpop-proof-invalid");
    }

    @Test
    void anExchangeNeedsAProofAndIsBoundByIt() throws Exception {
        String gotrueToken = ExchangeFixtures.markedUserToken(broker);
        assertRefused(ExchangeFixtures.exchange(broker, gotrueToken), "dpop-proof-required");

        DpopProofs key = new DpopProofs();
        HttpResponse<String> exchanged = broker.post("/anon-session/exchange", null,
                "Authorization", "Bearer " + gotrueToken, "DPoP", key.proof(broker.uri("/anon-session/exchange")));
        assertEquals(key.thumbprint(), jkt(exchanged));
        JsonNode discovery = BrokerHarness.json(broker.get("/.well-known/openid-configuration"));
        assertTrue(discovery.get("dpop_signing_alg_values_supported").isArray());
    }
}
