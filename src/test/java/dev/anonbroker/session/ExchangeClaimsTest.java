package dev.anonbroker.session;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.FrontendGoTrue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 3: a GoTrue token verified locally must carry the audience, role and (when configured) issuer that
 * the flavor issues. Each refused token here is signed with GoTrue's right secret and belongs to a real marked user:
 * only one claim is wrong.
 */
class ExchangeClaimsTest {

    private static final String ISSUER = "https://project-ref.supabase.co/auth/v1";
    private static BrokerHarness netlify;
    private static BrokerHarness netlifyWithAudience;
    private static BrokerHarness supabase;
    private static BrokerHarness supabaseWithIssuer;

    @BeforeAll
    static void start() {
        netlify = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of());
        netlifyWithAudience = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.gotrue.audience", "site-a"));
        supabase = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE), Map.of());
        supabaseWithIssuer = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE),
                Map.of("broker.gotrue.issuer", ISSUER));
    }

    @AfterAll
    static void stop() {
        netlify.close();
        netlifyWithAudience.close();
        supabase.close();
        supabaseWithIssuer.close();
    }

    private static void assertRefused(HttpResponse<String> response, String because) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("urn:anon-broker:problem:invalid-token", ExchangeFixtures.problem(response).get("type").asText());
        assertTrue(ExchangeFixtures.problem(response).get("detail").asText().contains(because), response.body());
    }

    @Test
    void netlifyTokenWithAnAudienceOutsideTheDefaultIsRefused() {
        String token = ExchangeFixtures.markedUserToken(netlify);

        assertRefused(ExchangeFixtures.exchange(netlify, ExchangeFixtures.resigned(netlify, token,
                claims -> claims.put("aud", "other-site"))), "not meant for an accepted audience");
        assertEquals(200, ExchangeFixtures.exchange(netlify, token).statusCode(), "the real token has no aud");
    }

    @Test
    void netlifyTokenWithARoleIsRefusedSinceNetlifyIssuesNone() {
        String token = ExchangeFixtures.markedUserToken(netlify);

        assertRefused(ExchangeFixtures.exchange(netlify, ExchangeFixtures.resigned(netlify, token,
                claims -> claims.put("role", "admin"))), "role");
    }

    @Test
    void configuredAudienceIsRequired() {
        String inAudience = ExchangeFixtures.userToken(netlifyWithAudience, FrontendGoTrue.throwawayEmail(),
                ExchangeFixtures.MARKER, "site-a");
        String inDefaultAudience = ExchangeFixtures.markedUserToken(netlifyWithAudience);

        assertRefused(ExchangeFixtures.exchange(netlifyWithAudience, inDefaultAudience), "not meant for an accepted audience");
        HttpResponse<String> accepted = ExchangeFixtures.exchange(netlifyWithAudience, inAudience);
        assertEquals(200, accepted.statusCode(), accepted.body());
    }

    @Test
    void supabaseTokenOfAnotherAudienceOrWithoutOneIsRefused() {
        String token = ExchangeFixtures.markedUserToken(supabase);

        assertRefused(ExchangeFixtures.exchange(supabase, ExchangeFixtures.resigned(supabase, token,
                claims -> claims.put("aud", "other"))), "not meant for an accepted audience");
        assertRefused(ExchangeFixtures.exchange(supabase, ExchangeFixtures.resigned(supabase, token,
                claims -> claims.remove("aud"))), "not meant for an accepted audience");
        assertEquals(200, ExchangeFixtures.exchange(supabase, token).statusCode(), "aud authenticated is accepted");
    }

    @Test
    void supabaseTokenWithAnotherRoleIsRefused() {
        String token = ExchangeFixtures.markedUserToken(supabase);
        String userId = ExchangeFixtures.subject(token);
        ExchangeFixtures.setRole(supabase, userId, "service_role");
        String serviceRoleUsersToken = ExchangeFixtures.resigned(supabase, token, claims -> claims.put("role", "service_role"));

        assertRefused(ExchangeFixtures.exchange(supabase, serviceRoleUsersToken), "role");
        assertRefused(ExchangeFixtures.exchange(supabase, ExchangeFixtures.resigned(supabase, token,
                claims -> claims.remove("role"))), "role");
        assertRefused(ExchangeFixtures.exchange(supabase, ExchangeFixtures.resigned(supabase, token,
                claims -> claims.put("role", "anon"))), "role");
        assertTrue(ExchangeFixtures.userExists(supabase, userId), "a refused user is never deleted");
    }

    @Test
    void supabaseAnonymousUsersTokenIsAccepted() {
        String token = anonymousToken(supabase);

        assertEquals("authenticated", ExchangeFixtures.claims(token).get("role").asText());
        HttpResponse<String> response = ExchangeFixtures.exchange(supabase, token);
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void configuredIssuerIsRequired() {
        String token = ExchangeFixtures.markedUserToken(supabaseWithIssuer);

        assertRefused(ExchangeFixtures.exchange(supabaseWithIssuer, token), "issued by someone else");
        assertRefused(ExchangeFixtures.exchange(supabaseWithIssuer, ExchangeFixtures.resigned(supabaseWithIssuer, token,
                claims -> claims.put("iss", "https://other-ref.supabase.co/auth/v1"))), "issued by someone else");
        HttpResponse<String> accepted = ExchangeFixtures.exchange(supabaseWithIssuer,
                ExchangeFixtures.resigned(supabaseWithIssuer, token, claims -> claims.put("iss", ISSUER)));
        assertEquals(200, accepted.statusCode(), accepted.body());
    }

    private static String anonymousToken(BrokerHarness broker) {
        var response = BrokerHarness.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(broker.emulator().baseUrl() + "/signup"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        BrokerHarness.JSON.createObjectNode().set("data",
                                BrokerHarness.JSON.valueToTree(ExchangeFixtures.MARKER)).toString())).build());
        assertEquals(200, response.statusCode(), response.body());
        return BrokerHarness.json(response).get("access_token").asText();
    }
}
