package dev.anonbroker.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.EmulatorOptions;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.IndependentVerifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every mode in each flavor that has it, with GoTrue's token verified locally (JWT secret) and by GoTrue itself
 * (admin token only): a broker token that an independent verifier accepts, and no throwaway user left behind.
 */
class AnonSessionModesTest {

    record Case(String description, EmulatorFlavor flavor, String mode, boolean localVerification) {
        @Override
        public String toString() {
            return description;
        }

        EmulatorOptions emulator() {
            return BrokerHarness.emulatorOptions(flavor).withAnonymousUsers(flavor == EmulatorFlavor.SUPABASE);
        }

        Map<String, Object> properties() {
            Map<String, Object> properties = new HashMap<>();
            properties.put("broker.gotrue.mode", mode);
            if (!localVerification) {
                properties.putAll(BrokerHarness.remoteVerification(flavor));
            }
            return properties;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("netlify signup, token checked with the JWT secret", EmulatorFlavor.NETLIFY, "signup", true),
                new Case("netlify signup, token checked by GET /user, operator token", EmulatorFlavor.NETLIFY, "signup", false),
                new Case("netlify admin-create, JWT secret", EmulatorFlavor.NETLIFY, "admin-create", true),
                new Case("netlify admin-create, operator token", EmulatorFlavor.NETLIFY, "admin-create", false),
                new Case("supabase signup, JWT secret", EmulatorFlavor.SUPABASE, "signup", true),
                new Case("supabase signup, service_role key", EmulatorFlavor.SUPABASE, "signup", false),
                new Case("supabase admin-create, JWT secret", EmulatorFlavor.SUPABASE, "admin-create", true),
                new Case("supabase anonymous, JWT secret", EmulatorFlavor.SUPABASE, "anonymous", true),
                new Case("supabase anonymous, service_role key", EmulatorFlavor.SUPABASE, "anonymous", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void issuesAnIndependentlyVerifiableTokenAndDeletesTheThrowawayUser(Case testCase) throws Exception {
        try (BrokerHarness broker = BrokerHarness.start(testCase.emulator(), testCase.properties())) {
            HttpResponse<String> response = broker.post("/anon-session", null);

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
            JsonNode body = BrokerHarness.json(response);
            assertEquals("Bearer", body.get("token_type").asText());
            assertEquals(600, body.get("expires_in").asLong());
            String issuer = broker.uri("").toString();
            JWTClaimsSet claims = IndependentVerifier.verify(issuer, "backend", body.get("access_token").asText());
            assertEquals(body.get("session_id").asText(), claims.getStringClaim("sid"));
            assertEquals(600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);

            broker.awaitNoThrowawayUsers();
            assertFalse(broker.emulator().users().stream().anyMatch(u -> u.id().equals(claims.getSubject())),
                    "the throwaway user behind sub is deleted");
            assertTrue(claims.getSubject().matches("[0-9a-f-]{36}"), "sub is the GoTrue user's UUID");
        }
    }
}
