package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static dev.anonbroker.emulator.TestHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admin updates, bans, soft deletes and password limits of both flavors. */
class AdminWritesTest {

    private static TestHttp.Response put(TestHttp http, String path, String json, String token) {
        return http.send(http.request(path).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + token));
    }

    @Test
    void netlifyUpdateMergesMetadataAndChangesPassword() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY))) {
            TestHttp http = new TestHttp(emulator);
            String id = http.postJson("/signup", "{\"email\":\"m@x.test\",\"password\":\"pw\",\"data\":{\"a\":1,\"b\":2}}")
                    .json().get("id").asText();
            JsonNode updated = put(http, "/admin/users/" + id,
                    "{\"user_metadata\":{\"a\":null,\"c\":3},\"role\":\"admin\",\"password\":\"new\"}", TestHttp.OPERATOR).json();
            assertEquals("{\"b\":2,\"c\":3}", updated.get("user_metadata").toString());
            assertEquals("admin", updated.get("role").asText());
            assertEquals(200, http.postForm("/token", "grant_type=password&username=m@x.test&password=new").status());
            assertEquals(400, put(http, "/admin/users/" + id, "", TestHttp.OPERATOR).status());
        }
    }

    @Test
    void netlifyPasswordOver72BytesIsAServerError() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY))) {
            TestHttp.Response response = new TestHttp(emulator).postJson("/signup",
                    "{\"email\":\"long@x.test\",\"password\":\"" + "p".repeat(73) + "\"}");
            assertEquals(500, response.status());
            assertEquals("Database error creating user", response.json().get("msg").asText());
            assertTrue(response.json().has("error_id"));
            TestHttp.Response exact = new TestHttp(emulator).postJson("/signup",
                    "{\"email\":\"ok@x.test\",\"password\":\"" + "p".repeat(72) + "\"}");
            assertEquals(200, exact.status());
            assertEquals(400, new TestHttp(emulator).postForm("/token",
                    "grant_type=password&username=ok@x.test&password=" + "p".repeat(71) + "q").status());
        }
    }

    @Test
    void supabaseBanBlocksLoginAndSoftDeleteFreesTheEmail() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE))) {
            TestHttp http = new TestHttp(emulator);
            String admin = TestHttp.serviceRole();
            JsonNode session = http.postJson("/signup", "{\"email\":\"b@x.test\",\"password\":\"secret1\"}").json();
            String id = session.at("/user/id").asText();
            assertTrue(put(http, "/admin/users/" + id, "{\"ban_duration\":\"24h\"}", admin).json().has("banned_until"));
            assertEquals("user_banned", http.postJson("/token?grant_type=password",
                    "{\"email\":\"b@x.test\",\"password\":\"secret1\"}").json().get("error_code").asText());
            assertFalse(put(http, "/admin/users/" + id, "{\"ban_duration\":\"none\"}", admin).json().has("banned_until"));
            TestHttp.Response soft = http.send(http.request("/admin/users/" + id).method("DELETE",
                    HttpRequest.BodyPublishers.ofString("{\"should_soft_delete\":true}")).header("Authorization", "Bearer " + admin));
            assertEquals("{}", soft.body());
            assertEquals("session_not_found", http.get("/user", bearer(session.get("access_token").asText()))
                    .json().get("error_code").asText());
            assertTrue(http.get("/admin/users/" + id, bearer(admin)).json().has("deleted_at"));
            assertEquals(200, http.postJson("/signup", "{\"email\":\"b@x.test\",\"password\":\"secret1\"}").status());
        }
    }

    @Test
    void supabaseUpdateChecksPasswordStrengthAndDeleteRefusesBadJson() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE))) {
            TestHttp http = new TestHttp(emulator);
            String admin = TestHttp.serviceRole();
            String id = http.postJson("/admin/users", "{\"email\":\"w@x.test\"}", bearer(admin)).json().get("id").asText();
            assertEquals("weak_password", put(http, "/admin/users/" + id, "{\"password\":\"123\"}", admin)
                    .json().get("error_code").asText());
            TestHttp.Response badJson = http.send(http.request("/admin/users/" + id).method("DELETE",
                    HttpRequest.BodyPublishers.ofString("nope")).header("Authorization", "Bearer " + admin));
            assertEquals("bad_json", badJson.json().get("error_code").asText());
            assertEquals(404, http.get("/admin/users/" + java.util.UUID.randomUUID(), bearer(admin)).status());
        }
    }
}
