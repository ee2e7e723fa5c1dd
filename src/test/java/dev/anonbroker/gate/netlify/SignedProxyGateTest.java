package dev.anonbroker.gate.netlify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.MutableClock;
import dev.anonbroker.support.NetlifySignatures;
import dev.anonbroker.support.TestSecrets;
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
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.anonbroker.support.NetlifySignatures.SITE_ID;
import static dev.anonbroker.support.NetlifySignatures.SITE_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * broker.netlify.signed-proxy-secret over HTTP: the mint endpoints need an x-nf-sign made as Netlify makes it, for
 * this site, unexpired by the broker's clock (a test-owned one); refresh never needs one; off, the header is ignored.
 */
class SignedProxyGateTest {

    private static final String SECRET = TestSecrets.random(32);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final String REQUIRED = "urn:anon-broker:problem:signed-proxy-required";
    private static final String INVALID = "urn:anon-broker:problem:signed-proxy-invalid";
    private static final Instant START = Instant.now();
    private static final MutableClock CLOCK = new MutableClock(START);
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of(
                "broker.netlify.signed-proxy-secret", SECRET, "broker.netlify.site-id", SITE_ID,
                "broker.netlify.site-url", SITE_URL, "broker.clock-skew", SKEW.toSeconds() + "s"), CLOCK);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void resetClock() {
        CLOCK.set(START);
    }

    @Test
    void aSignatureMadeAsNetlifyMakesItMints() {
        HttpResponse<String> response = mint(NetlifySignatures.sign(SECRET, CLOCK.instant()));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(BrokerHarness.json(response).hasNonNull("access_token"));
    }

    @Test
    void aSignatureJustWithinTheClockSkewAfterItsExpiryMints() {
        String signature = NetlifySignatures.sign(SECRET, CLOCK.instant());
        CLOCK.advance(NetlifySignatures.LIFETIME.plus(SKEW).minusSeconds(1));

        assertEquals(200, mint(signature).statusCode());
    }

    @Test
    void withoutSignatureMintingIsRefusedBeforeGoTrueIsCalled() {
        List<String> before = userIds();

        HttpResponse<String> session = broker.post("/anon-session", null);
        HttpResponse<String> exchange = broker.post("/anon-session/exchange", null);

        assertProblem(session, REQUIRED, null);
        assertProblem(exchange, REQUIRED, null);
        assertNoUserCreated(before);
    }

    /** A refused forgery: a description, the header made at the broker's now, and what the detail must name. */
    static Stream<Arguments> forgeries() {
        String otherSecret = TestSecrets.random(32);
        return Stream.of(
                forgery("signed with another secret", now -> hs256(otherSecret, claims(now)), "signed-proxy-secret"),
                forgery("bad signature (payload changed after signing)", now -> tampered(hs256(SECRET, claims(now))), "signed-proxy-secret"),
                forgery("alg none", now -> NetlifySignatures.unsecured(claims(now)), "HS256"),
                forgery("HS512 with the same secret", now -> NetlifySignatures.hmac("HS512", "HmacSHA512", SECRET, claims(now)), "HS256"),
                forgery("RS256", now -> NetlifySignatures.rs256(claims(now)), "HS256"),
                forgery("expired (exp 5 min ago, beyond the skew)", now -> hs256(SECRET, claims(now.minus(Duration.ofMinutes(10)))), "expired"),
                forgery("no exp", now -> hs256(SECRET, without(claims(now), "exp")), "exp"),
                forgery("another issuer", now -> hs256(SECRET, NetlifySignatures.claims(now, SITE_ID, SITE_URL, "not-netlify")), "iss"),
                forgery("another site_url", now -> hs256(SECRET, NetlifySignatures.claims(now, SITE_ID, "https://other.netlify.app", "netlify")), "site-url"),
                forgery("another netlify_id", now -> hs256(SECRET, NetlifySignatures.claims(now, "other-site", SITE_URL, "netlify")), "site-id"),
                forgery("garbage", now -> "not-a-signature", "compact JWS"),
                forgery("three garbage parts", now -> "a.b.c", "compact JWS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aBadSignatureIsRefusedWithADetailAndCreatesNoUser(String description, Function<Instant, String> forge,
                                                           String detailNames) {
        String header = forge.apply(CLOCK.instant());
        List<String> before = userIds();

        HttpResponse<String> response = mint(header);

        assertProblem(response, INVALID, detailNames);
        assertFalse(BrokerHarness.json(response).get("detail").asText().contains(header), "the header is not echoed");
        assertNoUserCreated(before);
    }

    @Test
    void aSignatureExpiredByTheBrokersClockIsRefused() {
        String signature = NetlifySignatures.sign(SECRET, CLOCK.instant());
        CLOCK.advance(NetlifySignatures.LIFETIME.plus(SKEW).plusSeconds(1));
        List<String> before = userIds();

        assertProblem(mint(signature), INVALID, "expired");
        assertNoUserCreated(before);
    }

    @Test
    void refreshNeedsNoSignature() {
        String token = BrokerHarness.refreshTokenOf(mint(NetlifySignatures.sign(SECRET, CLOCK.instant())));

        HttpResponse<String> unsigned = broker.refresh(token);
        String next = BrokerHarness.refreshTokenOf(unsigned);
        HttpResponse<String> badlySigned = broker.refresh(next, "x-nf-sign", "garbage");

        assertEquals(200, badlySigned.statusCode(), badlySigned.body());
    }

    @Test
    void withTheGateOffTheHeaderIsIgnored() {
        try (BrokerHarness open = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of())) {
            assertEquals(200, open.post("/anon-session", null).statusCode());
            assertEquals(200, open.post("/anon-session", null, "x-nf-sign", "garbage").statusCode());
            assertEquals(200, open.post("/anon-session", null, "x-nf-sign",
                    NetlifySignatures.sign(TestSecrets.random(32), Instant.now())).statusCode());
        }
    }

    private static Arguments forgery(String description, Function<Instant, String> forge, String detailNames) {
        return Arguments.of(description, forge, detailNames);
    }

    private static Map<String, Object> claims(Instant now) {
        return NetlifySignatures.claims(now, SITE_ID, SITE_URL, "netlify");
    }

    private static String hs256(String secret, Map<String, Object> claims) {
        return NetlifySignatures.hmac("HS256", "HmacSHA256", secret, claims);
    }

    private static Map<String, Object> without(Map<String, Object> claims, String name) {
        claims.remove(name);
        return claims;
    }

    /** The signature of {@code jws} over another payload (one claim fewer). */
    private static String tampered(String jws) {
        String[] parts = jws.split("\\.");
        String otherPayload = hs256(SECRET, without(claims(CLOCK.instant()), "deploy_context")).split("\\.")[1];
        return parts[0] + "." + otherPayload + "." + parts[2];
    }

    private static HttpResponse<String> mint(String signature) {
        return broker.post("/anon-session", null, "x-nf-sign", signature);
    }

    private static void assertProblem(HttpResponse<String> response, String type, String detailNames) {
        assertEquals(403, response.statusCode(), response.body());
        JsonNode problem = BrokerHarness.json(response);
        assertEquals(type, problem.get("type").asText());
        if (detailNames != null) {
            assertTrue(problem.get("detail").asText().contains(detailNames), problem.get("detail").asText());
        }
    }

    private static List<String> userIds() {
        return broker.emulator().users().stream().map(EmulatedUser::id).toList();
    }

    private static void assertNoUserCreated(List<String> before) {
        assertTrue(broker.emulator().users().stream().allMatch(u -> before.contains(u.id())), "no GoTrue user was created");
    }
}
