package dev.anonbroker.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.cookie.SetCookie;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.DpopProofs;
import dev.anonbroker.token.support.TestBackendClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.anonbroker.support.BackendCalls.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cookie mode over real HTTP, broker and emulator: the tokens travel only in Secure, HttpOnly, SameSite=Strict
 * cookies, refresh reads the refresh cookie and rotates it, {@code POST /anon-session/end} revokes and clears, and
 * cookie-borne requests from no origin or a foreign one are refused (CSRF). The test plays the browser: it sends back
 * the cookies it was given, as a browser on the allowed origin would.
 */
class CookieModeTest {

    private static final TestBackendClients CLIENTS = TestBackendClients.generate();
    private static final String SITE = "https://site.example";
    private static final String ACCESS = "__Host-anon-broker";
    private static final String REFRESH = "__Secure-anon-broker-refresh";
    private static final Set<String> COOKIE_ATTRIBUTES = Set.of("max-age", "expires", "path", "secure", "httponly",
            "samesite");
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = CLIENTS.properties();
        properties.put("broker.cookie.enabled", true);
        properties.put("broker.allowed-origins", SITE);
        properties.put("broker.token-ttl", "10m");
        properties.put("broker.max-session-age", "1h");
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static HttpResponse<String> mint() {
        HttpResponse<String> response = broker.post("/anon-session", null, "Origin", SITE);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static HttpResponse<String> refreshWithCookies(String origin, String body, SetCookie... cookies) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
        withCookies(headers, origin, cookies);
        return broker.post("/anon-session/refresh", body, headers.toArray(String[]::new));
    }

    private static HttpResponse<String> end(String origin, SetCookie... cookies) {
        List<String> headers = new ArrayList<>();
        withCookies(headers, origin, cookies);
        return broker.post("/anon-session/end", null, headers.toArray(String[]::new));
    }

    private static void withCookies(List<String> headers, String origin, SetCookie... cookies) {
        if (origin != null) {
            headers.addAll(List.of("Origin", origin));
        }
        if (cookies.length > 0) {
            List<String> pairs = new ArrayList<>();
            for (SetCookie cookie : cookies) {
                pairs.add(cookie.asRequestCookie());
            }
            headers.addAll(List.of("Cookie", String.join("; ", pairs)));
        }
    }

    private static boolean active(String accessToken) {
        return BrokerHarness.json(BackendCalls.introspect(broker, basic("api", CLIENTS.apiSecret()), accessToken))
                .get("active").asBoolean();
    }

    private static String type(HttpResponse<String> response) {
        return BrokerHarness.json(response).get("type").asText();
    }

    private static void assertStrictCookie(SetCookie cookie, String path, long maxAge) {
        assertEquals(COOKIE_ATTRIBUTES, cookie.attributes().keySet(), cookie::toString);
        assertEquals(path, cookie.attribute("path").orElseThrow());
        assertEquals(Long.toString(maxAge), cookie.attribute("max-age").orElseThrow());
        assertEquals("Strict", cookie.attribute("samesite").orElseThrow());
        assertEquals("", cookie.attribute("secure").orElseThrow());
        assertEquals("", cookie.attribute("httponly").orElseThrow());
    }

    @Test
    void aMintSetsBothCookiesWithStrictAttributesAndTheBodyCarriesNoToken() throws Exception {
        HttpResponse<String> response = mint();

        SetCookie access = SetCookie.named(response, ACCESS);
        SetCookie refresh = SetCookie.named(response, REFRESH);
        assertEquals(2, SetCookie.all(response).size());
        assertStrictCookie(access, "/", 600);
        assertStrictCookie(refresh, "/anon-session", 3600);
        JsonNode body = BrokerHarness.json(response);
        assertEquals(Set.of("token_type", "expires_in", "session_id"), fieldNames(body));
        assertEquals("cookie", body.get("token_type").asText());
        assertEquals(600, body.get("expires_in").asLong());
        assertEquals(body.get("session_id").asText(), SignedJWT.parse(access.value()).getJWTClaimsSet().getStringClaim("sid"));
        assertEquals(64, refresh.value().length(), "the refresh token itself");
        assertFalse(response.body().contains(access.value()) || response.body().contains(refresh.value()));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(active(access.value()));
    }

    @Test
    void anExchangeSetsTheCookiesToo() {
        String gotrueToken = ExchangeFixtures.markedUserToken(broker);

        HttpResponse<String> response = broker.post("/anon-session/exchange", null, "Origin", SITE,
                "Authorization", "Bearer " + gotrueToken);

        assertEquals(200, response.statusCode(), response.body());
        assertStrictCookie(SetCookie.named(response, ACCESS), "/", 600);
        assertStrictCookie(SetCookie.named(response, REFRESH), "/anon-session", 3600);
        assertEquals(Set.of("token_type", "expires_in", "session_id"), fieldNames(BrokerHarness.json(response)));
    }

    @Test
    void refreshReadsTheRefreshCookieRotatesItAndRefusesTheOldValueAfterwards() throws Exception {
        HttpResponse<String> minted = mint();
        SetCookie firstRefresh = SetCookie.named(minted, REFRESH);
        String sid = BrokerHarness.json(minted).get("session_id").asText();

        HttpResponse<String> refreshed = refreshWithCookies(SITE, "{}", firstRefresh);

        assertEquals(200, refreshed.statusCode(), refreshed.body());
        SetCookie nextAccess = SetCookie.named(refreshed, ACCESS);
        SetCookie nextRefresh = SetCookie.named(refreshed, REFRESH);
        assertNotEquals(firstRefresh.value(), nextRefresh.value(), "rotated");
        assertStrictCookie(nextAccess, "/", 600);
        assertTrue(Long.parseLong(nextRefresh.attribute("max-age").orElseThrow()) <= 3600);
        assertEquals(sid, SignedJWT.parse(nextAccess.value()).getJWTClaimsSet().getStringClaim("sid"));
        assertEquals(Set.of("token_type", "expires_in", "session_id"), fieldNames(BrokerHarness.json(refreshed)));

        HttpResponse<String> withoutBody = broker.post("/anon-session/refresh", null, "Origin", SITE,
                "Cookie", nextRefresh.asRequestCookie());
        assertEquals(200, withoutBody.statusCode(), "an empty body reads the cookie too: " + withoutBody.body());

        HttpResponse<String> replayed = refreshWithCookies(SITE, "{}", firstRefresh);
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertEquals("urn:anon-broker:problem:refresh-token-reused", type(replayed));
        assertFalse(active(nextAccess.value()), "a spent refresh cookie presented again ends the session");
    }

    @Test
    void refreshWithoutARefreshCookieIsTheMissingRefreshTokenProblem() {
        HttpResponse<String> response = refreshWithCookies(SITE, "{}", SetCookie.named(mint(), ACCESS));

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:malformed-request", type(response));
        assertTrue(SetCookie.all(response).isEmpty());
    }

    @Test
    void twoRefreshCookiesOfTheSameNameAreRefused() {
        SetCookie one = SetCookie.named(mint(), REFRESH);
        SetCookie other = SetCookie.named(mint(), REFRESH);

        HttpResponse<String> response = refreshWithCookies(SITE, "{}", one, other);

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:malformed-request", type(response));
    }

    @Test
    void cookieBorneRefreshAndEndWithoutOriginOrFromAForeignOriginAreRefusedAndSpendNothing() {
        HttpResponse<String> minted = mint();
        SetCookie access = SetCookie.named(minted, ACCESS);
        SetCookie refresh = SetCookie.named(minted, REFRESH);

        List<HttpResponse<String>> refused = List.of(
                refreshWithCookies(null, "{}", refresh),
                refreshWithCookies("https://evil.example", "{}", refresh),
                refreshWithCookies("null", "{}", refresh),
                end(null, access, refresh),
                end("https://evil.example", access, refresh),
                end("https://site.example.evil.example", access, refresh));

        for (HttpResponse<String> response : refused) {
            assertEquals(403, response.statusCode(), response.body());
            assertEquals("urn:anon-broker:problem:origin-not-allowed", type(response));
            assertTrue(SetCookie.all(response).isEmpty(), "a refused request neither sets nor clears cookies");
        }
        assertTrue(active(access.value()), "the refused end revoked nothing");
        HttpResponse<String> fromSite = refreshWithCookies(SITE, "{}", refresh);
        assertEquals(200, fromSite.statusCode(), "the refused refreshes spent nothing: " + fromSite.body());
    }

    @Test
    void endRevokesTheSessionAndClearsBothCookies() {
        HttpResponse<String> minted = mint();
        SetCookie access = SetCookie.named(minted, ACCESS);
        SetCookie refresh = SetCookie.named(minted, REFRESH);

        HttpResponse<String> ended = end(SITE, access, refresh);

        assertEquals(204, ended.statusCode(), ended.body());
        assertCleared(ended);
        assertFalse(active(access.value()), "introspection says the session ended");
        HttpResponse<String> refreshAfter = refreshWithCookies(SITE, "{}", refresh);
        assertEquals(401, refreshAfter.statusCode(), refreshAfter.body());
        assertEquals("urn:anon-broker:problem:session-revoked", type(refreshAfter));
    }

    @Test
    void endWithOnlyOneOfTheCookiesRevokesItsSession() {
        HttpResponse<String> byAccess = mint();
        HttpResponse<String> byRefresh = mint();

        assertEquals(204, end(SITE, SetCookie.named(byAccess, ACCESS)).statusCode());
        assertEquals(204, end(SITE, SetCookie.named(byRefresh, REFRESH)).statusCode());

        assertFalse(active(SetCookie.named(byAccess, ACCESS).value()));
        assertFalse(active(SetCookie.named(byRefresh, ACCESS).value()));
    }

    @Test
    void endWithoutCookiesOrTwiceStillAnswers204AndClears() {
        HttpResponse<String> minted = mint();
        SetCookie refresh = SetCookie.named(minted, REFRESH);

        HttpResponse<String> withoutCookies = end(SITE);
        HttpResponse<String> first = end(SITE, refresh);
        HttpResponse<String> second = end(SITE, refresh);

        for (HttpResponse<String> response : List.of(withoutCookies, first, second)) {
            assertEquals(204, response.statusCode(), response.body());
            assertCleared(response);
        }
    }

    @Test
    void aDpopProofInCookieModeIsRefusedNotIgnored() {
        DpopProofs proofs = new DpopProofs();

        HttpResponse<String> response = broker.post("/anon-session", null, "Origin", SITE,
                "DPoP", proofs.proof(broker.uri("/anon-session")));

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:malformed-request", type(response));
        assertTrue(BrokerHarness.json(response).get("detail").asText().contains("cookie mode"));
        assertTrue(SetCookie.all(response).isEmpty());
    }

    @Test
    void aRefreshTokenInTheBodyStillRefreshesAndIsAnsweredInCookies() {
        SetCookie refresh = SetCookie.named(mint(), REFRESH);

        HttpResponse<String> response = broker.refresh(refresh.value(), "Origin", SITE);

        assertEquals(200, response.statusCode(), response.body());
        assertNotEquals(refresh.value(), SetCookie.named(response, REFRESH).value());
        assertFalse(BrokerHarness.json(response).has("refresh_token"));
    }

    @Test
    void aDpopProofOnACookieRefreshIsRefusedBeforeTheRefreshTokenIsSpent() {
        SetCookie refresh = SetCookie.named(mint(), REFRESH);
        String proof = new DpopProofs().proof(broker.uri("/anon-session/refresh"));

        HttpResponse<String> refused = broker.post("/anon-session/refresh", null, "Origin", SITE,
                "Cookie", refresh.asRequestCookie(), "DPoP", proof);

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(200, refreshWithCookies(SITE, "{}", refresh).statusCode(), "the refresh token was not spent");
    }

    private static void assertCleared(HttpResponse<String> response) {
        SetCookie access = SetCookie.named(response, ACCESS);
        SetCookie refresh = SetCookie.named(response, REFRESH);
        assertEquals("", access.value());
        assertEquals("", refresh.value());
        assertStrictCookie(access, "/", 0);
        assertStrictCookie(refresh, "/anon-session", 0);
    }

    private static Set<String> fieldNames(JsonNode body) {
        Set<String> names = new java.util.TreeSet<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
