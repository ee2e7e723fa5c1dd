package dev.anonbroker.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /anon-session/refresh with an injected clock: new tokens for the same session until the maximum age, then 401
 * with a problem that says the session ended.
 */
class SessionRefreshTest {

    private static MutableClock clock;
    private static BrokerHarness broker;


    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now());
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE),
                Map.of("broker.token-ttl", "10m", "broker.max-session-age", "1h"), clock);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static JWTClaimsSet claims(JsonNode body) throws Exception {
        return SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
    }

    @Test
    void refreshesWithinTheSessionAndEndsItAtTheMaximumAge() throws Exception {
        Instant start = Instant.now();
        clock.set(start);
        JsonNode first = BrokerHarness.json(broker.post("/anon-session", null));
        JWTClaimsSet firstClaims = claims(first);
        String token = first.get("access_token").asText();

        for (int minute = 9; minute <= 54; minute += 9) {
            clock.set(start.plus(Duration.ofMinutes(minute)));
            HttpResponse<String> response = broker.refresh(token);
            assertEquals(200, response.statusCode(), "refresh at minute " + minute + ": " + response.body());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
            JsonNode body = BrokerHarness.json(response);
            JWTClaimsSet claims = claims(body);
            assertEquals(firstClaims.getStringClaim("sid"), claims.getStringClaim("sid"));
            assertEquals(first.get("session_id").asText(), body.get("session_id").asText());
            assertEquals(firstClaims.getSubject(), claims.getSubject());
            assertNotEquals(firstClaims.getJWTID(), claims.getJWTID());
            assertTrue(!claims.getExpirationTime().toInstant().isAfter(start.plus(Duration.ofHours(1)).plusSeconds(1)),
                    "no token outlives the session");
            token = body.get("access_token").asText();
        }

        clock.set(start.plus(Duration.ofMinutes(60)).plusSeconds(5));
        HttpResponse<String> ended = broker.refresh(token);
        assertEquals(401, ended.statusCode(), ended.body());
        assertEquals("urn:anon-broker:problem:session-ended", BrokerHarness.json(ended).get("type").asText());
        assertTrue(ended.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
    }

    @Test
    void anExpiredTokenCannotBeRefreshed() {
        clock.set(Instant.now());
        String token = BrokerHarness.json(broker.post("/anon-session", null)).get("access_token").asText();
        clock.advance(Duration.ofMinutes(11));

        HttpResponse<String> response = broker.refresh(token);

        assertEquals(401, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:invalid-token", BrokerHarness.json(response).get("type").asText());
    }

    @Test
    void aTamperedTokenCannotBeRefreshed() {
        clock.set(Instant.now());
        String token = BrokerHarness.json(broker.post("/anon-session", null)).get("access_token").asText();
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        assertEquals(401, broker.refresh(tampered).statusCode());
    }
}
