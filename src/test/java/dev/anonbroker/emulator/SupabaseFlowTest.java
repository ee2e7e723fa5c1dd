package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.UUID;

import static dev.anonbroker.emulator.TestHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The supabase flavor end to end over HTTP: signup, anonymous, token, sessions, admin, error shapes. */
class SupabaseFlowTest {

    private static GoTrueEmulator emulator;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE));
        http = new TestHttp(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String email() {
        return "u-" + UUID.randomUUID() + "@example.test";
    }

    private static JsonNode signup(String email) {
        TestHttp.Response response = http.postJson("/signup", "{\"email\":\"" + email + "\",\"password\":\"secret1\"}");
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    private static TestHttp.Response logout(String jwt) {
        return http.send(http.request("/logout").POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + jwt));
    }

    @Test
    void signupWithAutoconfirmReturnsASession() {
        JsonNode tokens = signup(email());
        assertEquals("bearer", tokens.get("token_type").asText());
        assertTrue(tokens.get("expires_at").isIntegralNumber());
        assertTrue(tokens.at("/user/email_confirmed_at").isTextual());
        assertTrue(tokens.at("/user/user_metadata/email_verified").asBoolean());
        assertEquals(12, tokens.get("refresh_token").asText().length());
        JsonNode claims = TestHttp.payload(tokens.get("access_token").asText());
        for (String claim : new String[] {"sub", "aud", "exp", "iat", "email", "phone", "app_metadata",
            "user_metadata", "role", "aal", "amr", "session_id", "is_anonymous"}) {
            assertTrue(claims.has(claim), claim);
        }
        assertEquals("authenticated", claims.get("aud").asText());
        assertEquals("password", claims.at("/amr/0/method").asText());
        assertFalse(claims.has("iss"));
    }

    @Test
    void duplicateSignupAndPasswordRules() {
        String email = email();
        signup(email);
        TestHttp.Response again = http.postJson("/signup", "{\"email\":\"" + email + "\",\"password\":\"secret1\"}");
        assertEquals("{\"code\":422,\"error_code\":\"user_already_exists\",\"msg\":\"User already registered\"}", again.body());
        assertEquals("user_already_exists", again.header("x-sb-error-code"));
        TestHttp.Response weak = http.postJson("/signup", "{\"email\":\"" + email() + "\",\"password\":\"12345\"}");
        assertEquals(422, weak.status());
        assertEquals("length", weak.json().at("/weak_password/reasons/0").asText());
        assertEquals("bad_json", http.postJson("/signup", "").json().get("error_code").asText());
    }

    @Test
    void anonymousSignupGivesAnAnonymousSession() {
        TestHttp.Response response = http.postJson("/signup", "{}");
        assertEquals(200, response.status(), response.body());
        assertTrue(response.json().at("/user/is_anonymous").asBoolean());
        assertEquals("", response.json().at("/user/email").asText());
        JsonNode claims = TestHttp.payload(response.json().get("access_token").asText());
        assertTrue(claims.get("is_anonymous").asBoolean());
        assertEquals("anonymous", claims.at("/amr/0/method").asText());
    }

    @Test
    void passwordGrantAndRefreshRules() {
        String email = email();
        signup(email);
        TestHttp.Response login = http.postJson("/token?grant_type=password",
                "{\"email\":\"" + email + "\",\"password\":\"secret1\"}");
        assertEquals(200, login.status(), login.body());
        assertTrue(login.json().has("user"));
        assertEquals(login.json().at("/user/id").asText(), login.header("sb-auth-user-id"));
        assertEquals("{\"code\":400,\"error_code\":\"invalid_credentials\",\"msg\":\"Invalid login credentials\"}",
                http.postJson("/token?grant_type=password", "{\"email\":\"" + email + "\",\"password\":\"wrong!\"}").body());
        assertEquals("unsupported_grant_type", http.postJson("/token", "{}").json().get("msg").asText());
        assertEquals("validation_failed", http.postJson("/token?grant_type=refresh_token",
                "{\"refresh_token\":\"short\"}").json().get("error_code").asText());
        assertEquals("refresh_token_not_found", http.postJson("/token?grant_type=refresh_token",
                "{\"refresh_token\":\"abcdefghijkl\"}").json().get("error_code").asText());
        String refresh = login.json().get("refresh_token").asText();
        TestHttp.Response rotated = http.postJson("/token?grant_type=refresh_token", "{\"refresh_token\":\"" + refresh + "\"}");
        assertEquals(200, rotated.status());
        assertNotEquals(refresh, rotated.json().get("refresh_token").asText());
    }

    @Test
    void logoutEndsTheSessionAndDeletionKillsRefreshTokens() {
        JsonNode tokens = signup(email());
        String jwt = tokens.get("access_token").asText();
        assertEquals(200, http.get("/user", bearer(jwt)).status());
        assertEquals(204, logout(jwt).status());
        assertEquals("session_not_found", http.get("/user", bearer(jwt)).json().get("error_code").asText());

        JsonNode other = signup(email());
        String id = other.at("/user/id").asText();
        TestHttp.Response deleted = http.delete("/admin/users/" + id, bearer(TestHttp.serviceRole()));
        assertEquals("{}", deleted.body());
        assertEquals("user_not_found", http.get("/user", bearer(other.get("access_token").asText())).json()
                .get("error_code").asText());
        assertEquals("refresh_token_not_found", http.postJson("/token?grant_type=refresh_token",
                "{\"refresh_token\":\"" + other.get("refresh_token").asText() + "\"}").json().get("error_code").asText());
        assertEquals("{\"code\":404,\"error_code\":\"validation_failed\",\"msg\":\"user_id must be an UUID\"}",
                http.delete("/admin/users/nope", bearer(TestHttp.serviceRole())).body());
    }

    @Test
    void adminChecksAnswer401And403() {
        assertEquals(401, http.get("/admin/users").status());
        assertEquals("bad_jwt", http.get("/admin/users", bearer("not-a-jwt")).json().get("error_code").asText());
        String userJwt = signup(email()).get("access_token").asText();
        assertEquals("{\"code\":403,\"error_code\":\"not_admin\",\"msg\":\"User not allowed\"}",
                http.get("/admin/users", bearer(userJwt)).body());
        TestHttp.Response badJwt = http.get("/user", bearer(userJwt.substring(0, userJwt.length() - 2) + "xx"));
        assertEquals(403, badJwt.status());
        assertTrue(badJwt.json().get("msg").asText().startsWith("invalid JWT: unable to parse or verify signature, "));
    }

    @Test
    void apiVersionHeaderSwitchesTheErrorShape() {
        TestHttp.Response response = http.get("/user", "X-Supabase-Api-Version", "2024-01-01");
        assertEquals("{\"code\":\"no_authorization\",\"message\":\"This endpoint requires a valid Bearer token\"}",
                response.body());
        assertEquals("2024-01-01", response.header("X-Supabase-Api-Version"));
        assertEquals("no_authorization", response.header("x-sb-error-code"));
    }

    @Test
    void adminCreateConfirmsAndRefusesDuplicates() {
        String body = "{\"email\":\"" + email() + "\",\"password\":\"secret1\",\"email_confirm\":true}";
        TestHttp.Response created = http.postJson("/admin/users", body, bearer(TestHttp.serviceRole()));
        assertEquals(200, created.status(), created.body());
        assertTrue(created.json().get("email_confirmed_at").isTextual());
        assertEquals("email_exists", http.postJson("/admin/users", body, bearer(TestHttp.serviceRole()))
                .json().get("error_code").asText());
    }

    @Test
    void duplicateOfConfirmedUserWithoutAutoconfirmIsAFakeUser() {
        try (GoTrueEmulator manual = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE).withAutoconfirm(false))) {
            TestHttp client = new TestHttp(manual);
            String email = email();
            String body = "{\"email\":\"" + email + "\",\"password\":\"secret1\",\"email_confirm\":true}";
            String realId = client.postJson("/admin/users", body, bearer(TestHttp.serviceRole())).json().get("id").asText();
            JsonNode fake = client.postJson("/signup", "{\"email\":\"" + email + "\",\"password\":\"secret1\"}").json();
            assertNotEquals(realId, fake.get("id").asText());
            assertEquals("", fake.get("role").asText());
            assertEquals(0, fake.get("identities").size());
            assertEquals(1, manual.users().size());
        }
    }
}
