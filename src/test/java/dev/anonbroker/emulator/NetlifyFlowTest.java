package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.anonbroker.emulator.TestHttp.bearer;
import static dev.anonbroker.emulator.TestHttp.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The netlify flavor end to end over HTTP: signup, token, user, refresh, logout, admin. */
class NetlifyFlowTest {

    private static GoTrueEmulator emulator;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY));
        http = new TestHttp(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String email() {
        return "u-" + UUID.randomUUID() + "@example.test";
    }

    private static JsonNode login(String email, String password) {
        TestHttp.Response response = http.postForm("/token",
                form("grant_type", "password", "username", email, "password", password));
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    @Test
    void signupReturnsConfirmedUserWithoutTokens() {
        TestHttp.Response response = http.postJson("/signup", "{\"email\":\"" + email() + "\",\"password\":\"pw\"}");
        assertEquals(200, response.status());
        assertTrue(response.json().has("confirmed_at"));
        assertEquals("email", response.json().at("/app_metadata/provider").asText());
        assertTrue(response.json().get("user_metadata").isNull());
        assertFalse(response.json().has("access_token"));
        assertEquals("application/json", response.header("Content-Type"));
    }

    @Test
    void tokenCarriesNetlifyHeaderAndClaims() {
        String email = email();
        http.postJson("/signup", "{\"email\":\"" + email + "\",\"password\":\"pw\",\"data\":{\"a\":1}}");
        JsonNode tokens = login(email, "pw");
        assertEquals(4, tokens.size());
        assertEquals(22, tokens.get("refresh_token").asText().length());
        String jwt = tokens.get("access_token").asText();
        assertEquals("{\"alg\":\"HS256\",\"kid\":\"nf-ident\",\"typ\":\"JWT\"}", TestHttp.header(jwt).toString());
        JsonNode claims = TestHttp.payload(jwt);
        assertFalse(claims.has("aud") || claims.has("iat") || claims.has("role") || claims.has("iss"));
        assertEquals(email, claims.get("email").asText());
        long drift = claims.get("exp").asLong() - java.time.Instant.now().getEpochSecond() - 3600;
        assertTrue(Math.abs(drift) <= 1);
    }

    @Test
    void wrongPasswordAndUnknownEmailGiveTheSameOAuthError() {
        String email = email();
        http.postJson("/signup", "{\"email\":\"" + email + "\",\"password\":\"pw\"}");
        TestHttp.Response wrong = http.postForm("/token", form("grant_type", "password", "username", email,
                "password", "nope"));
        TestHttp.Response unknown = http.postForm("/token", form("grant_type", "password", "username", email(),
                "password", "pw"));
        assertEquals(400, wrong.status());
        assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"No user found with that email, or password invalid.\"}",
                wrong.body());
        assertEquals(wrong.body(), unknown.body());
        assertEquals("{\"error\":\"unsupported_grant_type\"}",
                http.postJson("/token", "{\"grant_type\":\"password\"}").body());
    }

    @Test
    void refreshRotatesAndOldTokenIsRefused() {
        String email = email();
        http.postJson("/signup", "{\"email\":\"" + email + "\",\"password\":\"pw\"}");
        String first = login(email, "pw").get("refresh_token").asText();
        TestHttp.Response refreshed = http.postForm("/token", form("grant_type", "refresh_token", "refresh_token", first));
        assertEquals(200, refreshed.status());
        assertNotEquals(first, refreshed.json().get("refresh_token").asText());
        TestHttp.Response reused = http.postForm("/token", form("grant_type", "refresh_token", "refresh_token", first));
        assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid Refresh Token\"}", reused.body());
    }

    @Test
    void userEndpointAndLogoutKeepTheAccessTokenUsable() {
        String email = email();
        http.postJson("/signup", "{\"email\":\"" + email + "\",\"password\":\"pw\"}");
        JsonNode tokens = login(email, "pw");
        String jwt = tokens.get("access_token").asText();
        assertEquals(email, http.get("/user", bearer(jwt)).json().get("email").asText());
        TestHttp.Response logout = http.send(http.request("/logout")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + jwt));
        assertEquals(204, logout.status());
        assertEquals("", logout.body());
        assertEquals(200, http.get("/user", bearer(jwt)).status());
        assertEquals(400, http.postForm("/token", form("grant_type", "refresh_token", "refresh_token",
                tokens.get("refresh_token").asText())).status());
    }

    @Test
    void badTokensGive401WithLibraryMessages() {
        assertEquals("{\"code\":401,\"msg\":\"This endpoint requires a Bearer token\"}", http.get("/user").body());
        TestHttp.Response segments = http.get("/user", bearer("abc"));
        assertEquals("Invalid token: token contains an invalid number of segments", segments.json().get("msg").asText());
        String expired = TestHttp.jwt(TestHttp.MAPPER.createObjectNode().put("sub", UUID.randomUUID().toString())
                .put("exp", java.time.Instant.now().getEpochSecond() - 3723));
        String msg = http.get("/user", bearer(expired)).json().get("msg").asText();
        assertTrue(msg.matches("Invalid token: token is expired by 1h2m\\d+s"), msg);
        assertTrue(http.get("/user", bearer(expired)).header("Set-Cookie").startsWith("nf_jwt=;"));
        String forged = expired.substring(0, expired.lastIndexOf('.') + 1) + "AAAA";
        assertEquals("Invalid token: signature is invalid", http.get("/user", bearer(forged)).json().get("msg").asText());
    }

    @Test
    void adminCredentialsAndDeletion() {
        String email = email();
        String id = http.postJson("/signup", "{\"email\":\"" + email + "\",\"password\":\"pw\"}").json().get("id").asText();
        String userJwt = login(email, "pw").get("access_token").asText();
        assertEquals("{\"code\":401,\"msg\":\"User not allowed\"}", http.get("/admin/users", bearer(userJwt)).body());
        assertEquals(200, http.get("/admin/users", bearer(TestHttp.OPERATOR)).status());
        assertEquals(200, http.get("/admin/users", bearer(TestHttp.systemUser())).status());
        String ghost = TestHttp.jwt(TestHttp.MAPPER.createObjectNode().put("sub", UUID.randomUUID().toString()));
        assertEquals("{\"code\":401,\"msg\":\"Invalid admin user\"}", http.get("/admin/users", bearer(ghost)).body());
        TestHttp.Response deleted = http.delete("/admin/users/" + id, bearer(TestHttp.OPERATOR));
        assertEquals(200, deleted.status());
        assertEquals("{}", deleted.body());
        assertEquals("{\"code\":404,\"msg\":\"User not found\"}", http.delete("/admin/users/" + id, bearer(TestHttp.OPERATOR)).body());
        assertEquals(404, http.get("/user", bearer(userJwt)).status());
        assertEquals("{\"code\":400,\"msg\":\"user_id must be an UUID\"}",
                http.delete("/admin/users/not-a-uuid", bearer(TestHttp.OPERATOR)).body());
    }

    @Test
    void adminRoleUserIsAdminOnlyInItsAudience() {
        String email = email();
        String body = "{\"email\":\"" + email + "\",\"password\":\"pw\",\"confirm\":true,\"role\":\"admin\"}";
        TestHttp.Response created = http.postJson("/admin/users", body, bearer(TestHttp.OPERATOR));
        assertEquals(200, created.status());
        assertEquals("{\"code\":422,\"msg\":\"Email address already registered by another user\"}",
                http.postJson("/admin/users", body, bearer(TestHttp.OPERATOR)).body());
        String adminJwt = login(email, "pw").get("access_token").asText();
        assertEquals(200, http.get("/admin/users", bearer(adminJwt)).status());
        String[] otherAud = {"Authorization", "Bearer " + adminJwt, "X-JWT-AUD", "other"};
        assertEquals("{\"code\":401,\"msg\":\"User not allowed\"}", http.get("/admin/users", otherAud).body());
    }

    @Test
    void unconfirmedUserIsReturnedAgainAndCannotLogIn() {
        try (GoTrueEmulator manual = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY).withAutoconfirm(false))) {
            TestHttp client = new TestHttp(manual);
            String email = email();
            JsonNode first = client.postJson("/signup", "{\"email\":\"" + email + "\",\"password\":\"pw\"}").json();
            assertTrue(first.has("confirmation_sent_at"));
            assertFalse(first.has("confirmed_at"));
            JsonNode again = client.postJson("/signup", "{\"email\":\"" + email + "\",\"password\":\"x\",\"data\":{\"k\":1}}").json();
            assertEquals(first.get("id"), again.get("id"));
            assertEquals(1, again.at("/user_metadata/k").asInt());
            assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"Email not confirmed\"}",
                    client.postForm("/token", form("grant_type", "password", "username", email, "password", "bad")).body());
        }
    }
}
