package dev.anonbroker.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.MutableClock;
import dev.anonbroker.token.support.ForgedTokens;
import dev.anonbroker.token.support.TestBackendClients;
import dev.anonbroker.token.support.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.anonbroker.support.BackendCalls.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /introspect (RFC 7662) against a real broker: the active answer's claims, {"active": false} for every token
 * that is not valid right now for the calling client, and client authentication.
 */
class IntrospectionTest {

    private static final String ISSUER = "https://broker.test/auth";
    private static final ECKey KEY = TestKeys.ec("signing");
    private static final TestBackendClients CLIENTS = TestBackendClients.generate();
    private static final String API_SECRET = CLIENTS.apiSecret();
    private static final String REPORTS_SECRET = CLIENTS.reportsSecret();
    private static MutableClock clock;
    private static BrokerHarness broker;


    @BeforeAll
    static void start() {
        Map<String, Object> properties = CLIENTS.properties();
        properties.put("broker.issuer", ISSUER);
        properties.put("broker.signing.jwks", TestKeys.jwks(KEY));
        clock = new MutableClock(Instant.now());
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties, clock);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void resetClock() {
        clock.set(Instant.now());
    }

    private static JsonNode introspect(String authorization, String token) {
        HttpResponse<String> response = BackendCalls.introspect(broker, authorization, token);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        return BrokerHarness.json(response);
    }

    private static void assertInactive(JsonNode answer) {
        assertEquals("{\"active\":false}", answer.toString(), "nothing but active: false");
    }

    @Test
    void anActiveTokenIsAnsweredWithItsClaims() throws Exception {
        String token = broker.accessToken(null);
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

        JsonNode answer = introspect(basic("api", API_SECRET), token);

        assertTrue(answer.get("active").asBoolean());
        assertEquals(ISSUER, answer.get("iss").asText());
        assertEquals(claims.getSubject(), answer.get("sub").asText());
        assertEquals(claims.getStringClaim("sid"), answer.get("sid").asText());
        assertEquals("backend", answer.get("aud").asText());
        assertEquals(claims.getExpirationTime().toInstant().getEpochSecond(), answer.get("exp").asLong());
        assertEquals(claims.getIssueTime().toInstant().getEpochSecond(), answer.get("iat").asLong());
        assertEquals(claims.getJWTID(), answer.get("jti").asText());
        assertEquals(claims.getStringClaim("client_id"), answer.get("client_id").asText());
        assertEquals("Bearer", answer.get("token_type").asText());
    }

    static Stream<Arguments> invalidTokens() {
        Instant now = Instant.now();
        JWTClaimsSet good = ForgedTokens.claims(ISSUER, "backend", now, Duration.ofMinutes(10)).build();
        ECKey stranger = TestKeys.ec("signing");
        return Stream.of(
                Arguments.of("a forged token that is valid, as a control", ForgedTokens.es256(KEY, good), true),
                Arguments.of("bad signature", ForgedTokens.tampered(ForgedTokens.es256(KEY, good)), false),
                Arguments.of("signed by another key with the same kid", ForgedTokens.es256(stranger, good), false),
                Arguments.of("unknown kid", ForgedTokens.es256(TestKeys.ec("unknown"), good), false),
                Arguments.of("claims swapped under a valid signature", ForgedTokens.withPayload(ForgedTokens.es256(KEY, good),
                        ForgedTokens.claims(ISSUER, "reports", now, Duration.ofHours(9)).build()), false),
                Arguments.of("wrong issuer", ForgedTokens.es256(KEY,
                        ForgedTokens.claims("https://evil.test", "backend", now, Duration.ofMinutes(10)).build()), false),
                Arguments.of("audience outside broker.audiences", ForgedTokens.es256(KEY,
                        ForgedTokens.claims(ISSUER, "other", now, Duration.ofMinutes(10)).build()), false),
                Arguments.of("typ JWT instead of at+jwt", ForgedTokens.es256(KEY, new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(JOSEObjectType.JWT).keyID("signing").build(), good), false),
                Arguments.of("alg none", ForgedTokens.none(good), false),
                Arguments.of("HS256 keyed with the public key", ForgedTokens.hs256WithPublicKey(KEY, good), false),
                Arguments.of("malformed: not a JWT", "not-a-jwt", false),
                Arguments.of("malformed: three empty parts", "..", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void onlyAValidTokenIsActive(String description, String token, boolean active) {
        JsonNode answer = introspect(basic("api", API_SECRET), token);

        if (active) {
            assertTrue(answer.get("active").asBoolean(), description);
        } else {
            assertInactive(answer);
        }
    }

    @Test
    void anExpiredTokenIsInactive() {
        String token = broker.accessToken(null);
        clock.advance(Duration.ofMinutes(10).plusSeconds(31));

        assertInactive(introspect(basic("api", API_SECRET), token));
    }

    @Test
    void aTokenThatIsNotValidYetIsInactive() {
        String token = broker.accessToken(null);
        clock.set(clock.instant().minus(Duration.ofMinutes(2)));

        assertInactive(introspect(basic("api", API_SECRET), token));
    }

    @Test
    void aClientSeesOnlyTokensOfItsAudiences() {
        String forBackend = broker.accessToken("backend");
        String forReports = broker.accessToken("reports");

        assertInactive(introspect(basic("reports", REPORTS_SECRET), forBackend));
        assertTrue(introspect(basic("reports", REPORTS_SECRET), forReports).get("active").asBoolean());
        assertTrue(introspect(basic("api", API_SECRET), forBackend).get("active").asBoolean());
        assertTrue(introspect(basic("api", API_SECRET), forReports).get("active").asBoolean());
    }

    @Test
    void withoutClientCredentialsTheAnswerIs401WithABasicChallenge() {
        String token = broker.accessToken(null);
        List<String> wrong = List.of(basic("api", API_SECRET + "x"), basic("api", API_SECRET.substring(1)),
                basic("nobody", API_SECRET), basic("reports", API_SECRET), "Basic !!!", "Bearer " + token);

        HttpResponse<String> none = broker.post("/introspect", BackendCalls.form(token), "Content-Type", BackendCalls.FORM);
        assertUnauthenticated(none);
        for (String authorization : wrong) {
            assertUnauthenticated(BackendCalls.introspect(broker, authorization, token));
        }
    }

    private static void assertUnauthenticated(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("Basic realm=\"anon-broker\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("urn:anon-broker:problem:client-unauthenticated", BrokerHarness.json(response).get("type").asText());
        assertFalse(response.body().contains(API_SECRET), "the secret never comes back");
    }

    @Test
    void aMissingTokenIs400() {
        HttpResponse<String> response = broker.post("/introspect", "token_type_hint=access_token",
                "Content-Type", BackendCalls.FORM, "Authorization", basic("api", API_SECRET));

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:malformed-request", BrokerHarness.json(response).get("type").asText());
    }

    @Test
    void aTokenGivenTwiceIs400AndAnEmptyBodyIsAMissingToken() {
        String token = broker.accessToken(null);
        HttpResponse<String> twice = broker.post("/introspect", BackendCalls.form(token) + "&token=" + token,
                "Content-Type", BackendCalls.FORM, "Authorization", basic("api", API_SECRET));
        HttpResponse<String> empty = broker.post("/introspect", "",
                "Content-Type", BackendCalls.FORM, "Authorization", basic("api", API_SECRET));

        assertEquals(400, twice.statusCode(), twice.body());
        assertEquals("urn:anon-broker:problem:malformed-request", BrokerHarness.json(twice).get("type").asText());
        assertFalse(twice.body().contains(token), "the token never comes back");
        assertEquals(400, empty.statusCode(), empty.body());
        assertEquals("urn:anon-broker:problem:malformed-request", BrokerHarness.json(empty).get("type").asText());
    }

    @Test
    void discoveryNamesTheEndpointsAndTheirClientAuthentication() {
        JsonNode discovery = BrokerHarness.json(broker.get("/.well-known/openid-configuration"));

        assertEquals(ISSUER + "/introspect", discovery.get("introspection_endpoint").asText());
        assertEquals(ISSUER + "/revoke", discovery.get("revocation_endpoint").asText());
        assertEquals("[\"client_secret_basic\"]", discovery.get("introspection_endpoint_auth_methods_supported").toString());
        assertEquals("[\"client_secret_basic\"]", discovery.get("revocation_endpoint_auth_methods_supported").toString());
    }
}
