package dev.anonbroker.dpop;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.DpopProofs;
import dev.anonbroker.token.support.TestBackendClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.anonbroker.support.BackendCalls.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DPoP per request ({@code broker.dpop.enabled} false, the default), over real HTTP: a mint with a proof gets a token
 * bound to the proof's key, a mint without one a bearer token as before; refresh of a bound session needs a proof by
 * the same key; each of RFC 9449's checks refuses its own kind of bad proof.
 */
class DpopBindingTest {

    private static final TestBackendClients CLIENTS = TestBackendClients.generate();
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = CLIENTS.properties();
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE), properties);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static HttpResponse<String> mint(String proof) {
        return proof == null ? broker.post("/anon-session", null) : broker.post("/anon-session", null, "DPoP", proof);
    }

    private static HttpResponse<String> refresh(String refreshToken, String proof) {
        return proof == null ? broker.refresh(refreshToken) : broker.refresh(refreshToken, "DPoP", proof);
    }

    private static String mintProof(DpopProofs key) {
        return key.proof(broker.uri("/anon-session"));
    }

    private static String refreshProof(DpopProofs key) {
        return key.proof(broker.uri("/anon-session/refresh"));
    }

    private static JWTClaimsSet claims(HttpResponse<String> response) throws Exception {
        return SignedJWT.parse(BrokerHarness.accessTokenOf(response)).getJWTClaimsSet();
    }

    private static JsonNode introspect(String accessToken) {
        return BrokerHarness.json(BackendCalls.introspect(broker, basic("api", CLIENTS.apiSecret()), accessToken));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String type, String detailPart) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = BrokerHarness.json(response);
        assertEquals("urn:anon-broker:problem:" + type, problem.get("type").asText(), response.body());
        assertTrue(problem.get("detail").asText().contains(detailPart), problem.get("detail").asText());
    }

    @Test
    void aMintWithAProofIsBoundToItsKey() throws Exception {
        DpopProofs key = new DpopProofs();
        HttpResponse<String> minted = mint(mintProof(key));

        assertEquals("DPoP", BrokerHarness.json(minted).get("token_type").asText());
        assertEquals(Map.of("jkt", key.thumbprint()), claims(minted).getJSONObjectClaim("cnf"));
        JsonNode introspection = introspect(BrokerHarness.accessTokenOf(minted));
        assertTrue(introspection.get("active").asBoolean());
        assertEquals(key.thumbprint(), introspection.get("cnf").get("jkt").asText());
        assertEquals("DPoP", introspection.get("token_type").asText());
    }

    @Test
    void aMintWithoutAProofGetsABearerTokenAsBefore() throws Exception {
        HttpResponse<String> minted = mint(null);

        assertEquals("Bearer", BrokerHarness.json(minted).get("token_type").asText());
        assertNull(claims(minted).getClaim("cnf"));
        JsonNode introspection = introspect(BrokerHarness.accessTokenOf(minted));
        assertFalse(introspection.has("cnf"), introspection.toString());
        assertEquals("Bearer", introspection.get("token_type").asText());
    }

    @Test
    void aBoundSessionRefreshesWithItsKeyOnly() throws Exception {
        DpopProofs key = new DpopProofs();
        String refreshToken = BrokerHarness.refreshTokenOf(mint(mintProof(key)));

        assertRefused(refresh(refreshToken, refreshProof(new DpopProofs())), 403, "dpop-key-mismatch", "another key");
        assertRefused(refresh(refreshToken, null), 403, "dpop-proof-required", "bound to a key");

        HttpResponse<String> refreshed = refresh(refreshToken, refreshProof(key));
        assertEquals(200, refreshed.statusCode(), "the refused attempts did not spend the refresh token: "
                + refreshed.body());
        assertEquals("DPoP", BrokerHarness.json(refreshed).get("token_type").asText());
        assertEquals(Map.of("jkt", key.thumbprint()), claims(refreshed).getJSONObjectClaim("cnf"));
        assertEquals(200, refresh(BrokerHarness.refreshTokenOf(refreshed), refreshProof(key)).statusCode());
    }

    @Test
    void aBearerSessionRefusesAProofOnRefresh() {
        String refreshToken = BrokerHarness.refreshTokenOf(mint(null));

        assertRefused(refresh(refreshToken, refreshProof(new DpopProofs())), 403, "dpop-key-mismatch",
                "not bound to a key");
        assertEquals(200, refresh(refreshToken, null).statusCode());
    }

    @Test
    void aProofIsAcceptedOnce() {
        DpopProofs key = new DpopProofs();
        String proof = mintProof(key);
        assertEquals(200, mint(proof).statusCode());

        assertRefused(mint(proof), 403, "dpop-proof-replayed", "already used");
        String sameJti = key.builder("POST", broker.uri("/anon-session").toString())
                .jti(SignedJWTs.jti(proof)).build();
        assertRefused(mint(sameJti), 403, "dpop-proof-replayed", "already used");
    }

    @Test
    void aProofNamesThisRequestsMethodAndUrl() {
        DpopProofs key = new DpopProofs();
        String url = broker.uri("/anon-session").toString();

        assertRefused(mint(key.builder("GET", url).build()), 403, "dpop-proof-invalid", "htm must be POST");
        assertRefused(mint(key.proof(broker.uri("/anon-session/refresh"))), 403, "dpop-proof-invalid", "htu");
        assertRefused(mint(key.builder("POST", "https://elsewhere.example/anon-session").build()), 403,
                "dpop-proof-invalid", "htu");
        assertEquals(200, mint(key.builder("POST", url + "?ignored=1#fragment").build()).statusCode(),
                "query and fragment are ignored");
    }

    @Test
    void aProofIsFresh() {
        DpopProofs key = new DpopProofs();
        String url = broker.uri("/anon-session").toString();

        assertRefused(mint(key.builder("POST", url).iat(Instant.now().minusSeconds(120)).build()), 403,
                "dpop-proof-invalid", "seconds old");
        assertRefused(mint(key.builder("POST", url).iat(Instant.now().plusSeconds(60)).build()), 403,
                "dpop-proof-invalid", "in the future");
        assertEquals(200, mint(key.builder("POST", url).iat(Instant.now().minusSeconds(30)).build()).statusCode());
    }

    @Test
    void aProofCarriesOnlyAPublicKeyThatSignedIt() throws Exception {
        DpopProofs key = new DpopProofs();
        String url = broker.uri("/anon-session").toString();

        assertRefused(mint(key.builder("POST", url).privateJwk().build()), 403, "dpop-proof-invalid", "jwk is a public key");
        assertRefused(mint(key.builder("POST", url).buildUnsigned()), 403, "dpop-proof-invalid", "alg none");
        assertRefused(mint(key.builder("POST", url).signedBy(new MACSigner(new byte[32]), JWSAlgorithm.HS256)
                .build()), 403, "dpop-proof-invalid", "alg must be one of [ES256]");
        DpopProofs stranger = new DpopProofs();
        String strangersSignature = stranger.proof(broker.uri("/anon-session"));
        String ours = key.proof(broker.uri("/anon-session"));
        String forged = ours.substring(0, ours.lastIndexOf('.')) + strangersSignature.substring(strangersSignature.lastIndexOf('.'));
        assertRefused(mint(forged), 403, "dpop-proof-invalid", "signature does not verify");
        assertRefused(mint(key.builder("POST", url).header("typ", "JWT").build()), 403, "dpop-proof-invalid",
                "typ must be dpop+jwt");
        assertRefused(mint(key.builder("POST", url).claim("ath", "x").build()), 403, "dpop-proof-invalid", "ath");
        assertRefused(mint("not a jwt"), 403, "dpop-proof-invalid", "not a well-formed JWT");
    }

    @Test
    void oddProofsAreRefusedAsInvalidNeverAsAnError() throws Exception {
        DpopProofs key = new DpopProofs();
        String url = broker.uri("/anon-session").toString();
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        List<String> odd = List.of(
                key.builder("POST", url).signedBy(new ECDSASigner(p384), JWSAlgorithm.ES384).build(),
                key.builder("POST", url).header("jwk", "not an object").build(),
                key.builder("POST", url).header("typ", "").build(),
                key.builder("POST", url).claim("iat", "yesterday").build(),
                key.builder("POST", url).claim("htu", "::not a url").build(),
                key.builder("POST", url).claim("htu", "https://user@" + url.substring(url.indexOf("://") + 3)).build(),
                key.builder("POST", url).jti("x".repeat(300)).build(),
                key.builder("POST", url).jti("").build(),
                "eyJ.eyJ.eyJ", "a.b.c.d.e", "x".repeat(5000));
        for (String proof : odd) {
            assertRefused(mint(proof), 403, "dpop-proof-invalid", "");
        }
        HttpResponse<String> twoProofs = broker.post("/anon-session", null, "DPoP", mintProof(key), "DPoP",
                mintProof(key));
        assertRefused(twoProofs, 403, "dpop-proof-invalid", "exactly one");
    }

    @Test
    void discoveryNamesTheProofAlgorithms() {
        JsonNode discovery = BrokerHarness.json(broker.get("/.well-known/openid-configuration"));

        assertEquals("[\"ES256\"]", discovery.get("dpop_signing_alg_values_supported").toString());
        assertNotEquals(-1, discovery.get("claims_supported").toString().indexOf("\"cnf\""));
    }
}
