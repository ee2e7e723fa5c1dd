package dev.anonbroker.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.MutableClock;
import dev.anonbroker.token.support.TestBackendClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static dev.anonbroker.support.BackendCalls.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /anon-session/refresh with refresh tokens and an injected clock: each refresh spends its refresh token for the
 * next token of the same session and a new refresh token, until the maximum age; a spent one ends the session; an
 * access token does not refresh; a session stays on the origin it began on.
 */
class SessionRefreshTest {

    private static final TestBackendClients CLIENTS = TestBackendClients.generate();
    private static final String SITE = "https://site.example";
    private static final String OTHER_SITE = "https://other.example";
    private static MutableClock clock;
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = CLIENTS.properties();
        properties.put("broker.token-ttl", "10m");
        properties.put("broker.max-session-age", "1h");
        properties.put("broker.allowed-origins", SITE + "," + OTHER_SITE);
        clock = new MutableClock(Instant.now());
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE), properties, clock);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static JsonNode newSession() {
        clock.set(Instant.now());
        return BrokerHarness.json(broker.post("/anon-session", null, "Origin", SITE));
    }

    private static HttpResponse<String> refresh(String refreshToken) {
        return broker.refresh(refreshToken, "Origin", SITE);
    }

    private static JWTClaimsSet claims(JsonNode body) throws Exception {
        return SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
    }

    private static boolean active(String accessToken) {
        return BrokerHarness.json(BackendCalls.introspect(broker, basic("api", CLIENTS.apiSecret()), accessToken))
                .get("active").asBoolean();
    }

    private static String type(HttpResponse<String> response) {
        return BrokerHarness.json(response).get("type").asText();
    }

    @Test
    void refreshesWithinTheSessionAndEndsItAtTheMaximumAge() throws Exception {
        JsonNode first = newSession();
        Instant start = clock.instant();
        JWTClaimsSet firstClaims = claims(first);
        String refreshToken = first.get("refresh_token").asText();
        assertEquals(64, refreshToken.length(), "48 random bytes in base64url without padding");
        assertEquals(48, Base64.getUrlDecoder().decode(refreshToken).length);

        for (int minute = 9; minute <= 54; minute += 9) {
            clock.set(start.plus(Duration.ofMinutes(minute)));
            HttpResponse<String> response = refresh(refreshToken);
            assertEquals(200, response.statusCode(), "refresh at minute " + minute + ": " + response.body());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
            JsonNode body = BrokerHarness.json(response);
            JWTClaimsSet claims = claims(body);
            assertEquals(firstClaims.getStringClaim("sid"), claims.getStringClaim("sid"));
            assertEquals(first.get("session_id").asText(), body.get("session_id").asText());
            assertEquals(firstClaims.getSubject(), claims.getSubject());
            assertNotEquals(firstClaims.getJWTID(), claims.getJWTID());
            assertNotEquals(refreshToken, body.get("refresh_token").asText(), "rotated on every use");
            assertTrue(!claims.getExpirationTime().toInstant().isAfter(start.plus(Duration.ofHours(1)).plusSeconds(1)),
                    "no token outlives the session");
            refreshToken = body.get("refresh_token").asText();
        }

        clock.set(start.plus(Duration.ofMinutes(60)).plusSeconds(5));
        HttpResponse<String> ended = refresh(refreshToken);
        assertEquals(401, ended.statusCode(), ended.body());
        assertEquals("urn:anon-broker:problem:session-ended", type(ended));
        assertTrue(ended.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
    }

    @Test
    void anAccessTokenNoLongerRefreshes() {
        String accessToken = newSession().get("access_token").asText();

        HttpResponse<String> asBearer = broker.post("/anon-session/refresh", null, "Origin", SITE,
                "Authorization", "Bearer " + accessToken);
        HttpResponse<String> asRefreshToken = refresh(accessToken);

        assertEquals(400, asBearer.statusCode(), asBearer.body());
        assertEquals("urn:anon-broker:problem:malformed-request", type(asBearer));
        assertEquals(401, asRefreshToken.statusCode(), asRefreshToken.body());
        assertEquals("urn:anon-broker:problem:invalid-token", type(asRefreshToken));
    }

    @Test
    void aFormBodyRefreshesToo() {
        String refreshToken = newSession().get("refresh_token").asText();

        HttpResponse<String> response = broker.post("/anon-session/refresh",
                "refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8),
                "Content-Type", BackendCalls.FORM, "Origin", SITE);

        assertEquals(200, response.statusCode(), response.body());
        assertNotEquals(refreshToken, BrokerHarness.refreshTokenOf(response));
    }

    @Test
    void aSpentRefreshTokenEndsTheWholeSession() {
        JsonNode first = newSession();
        String spent = first.get("refresh_token").asText();
        HttpResponse<String> rotated = refresh(spent);
        String current = BrokerHarness.refreshTokenOf(rotated);
        String latestAccess = BrokerHarness.accessTokenOf(rotated);
        assertTrue(active(latestAccess));

        HttpResponse<String> replayed = refresh(spent);

        assertEquals(401, replayed.statusCode(), replayed.body());
        assertEquals("urn:anon-broker:problem:refresh-token-reused", type(replayed));
        assertFalse(active(first.get("access_token").asText()), "the session's first token is inactive");
        assertFalse(active(latestAccess), "so is its latest");
        HttpResponse<String> currentRefused = refresh(current);
        assertEquals(401, currentRefused.statusCode(), currentRefused.body());
        assertEquals("urn:anon-broker:problem:session-revoked", type(currentRefused));
    }

    @Test
    void unknownOrMalformedRefreshTokensAre401AndMissingOnes400() {
        byte[] unknown = new byte[48];
        String unknownToken = Base64.getUrlEncoder().withoutPadding().encodeToString(unknown);

        for (String token : new String[]{unknownToken, "garbage", unknownToken + "=", unknownToken.substring(1)}) {
            HttpResponse<String> response = refresh(token);
            assertEquals(401, response.statusCode(), token + ": " + response.body());
            assertEquals("urn:anon-broker:problem:invalid-token", type(response));
        }
        HttpResponse<String> missing = broker.post("/anon-session/refresh", "{}", "Content-Type", "application/json",
                "Origin", SITE);
        assertEquals(400, missing.statusCode(), missing.body());
    }

    @Test
    void aSessionRefreshesOnlyFromTheOriginItBeganOnAndKeepsItsOriginClaim() throws Exception {
        JsonNode first = newSession();
        String refreshToken = first.get("refresh_token").asText();

        HttpResponse<String> elsewhere = broker.refresh(refreshToken, "Origin", OTHER_SITE);

        assertEquals(403, elsewhere.statusCode(), elsewhere.body());
        assertEquals("urn:anon-broker:problem:session-origin-mismatch", type(elsewhere));
        assertEquals(OTHER_SITE, elsewhere.headers().firstValue("Access-Control-Allow-Origin").orElse(""),
                "an allowed origin may read why");
        HttpResponse<String> home = refresh(refreshToken);
        assertEquals(200, home.statusCode(), "the refused refresh did not spend the token: " + home.body());
        assertEquals(SITE, claims(BrokerHarness.json(home)).getStringClaim("origin"));
    }
}
