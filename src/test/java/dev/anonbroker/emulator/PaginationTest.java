package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dev.anonbroker.emulator.TestHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /admin/users}: Link and X-Total-Count, sorting, filtering, audiences and bad parameters. */
class PaginationTest {

    private static final String[] NETLIFY_ADMIN = bearer(TestHttp.OPERATOR);

    private static List<String> createUsers(TestHttp http, int count, String... headers) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = "user" + i + "@Example.test";
            assertEquals(200, http.postJson("/signup", "{\"email\":\"" + email + "\",\"password\":\"secret1\"}", headers).status());
            emails.add(email);
        }
        return emails;
    }

    @Test
    void netlifyLinksHaveNextPrevAndLast() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY))) {
            TestHttp http = new TestHttp(emulator);
            TestHttp.Response empty = http.get("/admin/users", NETLIFY_ADMIN);
            assertEquals("</admin/users?page=0>; rel=\"last\"", empty.header("Link"));
            assertEquals("0", empty.header("X-Total-Count"));
            assertEquals("{\"users\":[],\"aud\":\"\"}", empty.body());
            createUsers(http, 3);
            assertEquals("</admin/users?page=2&per_page=1>; rel=\"next\", </admin/users?page=3&per_page=1>; rel=\"last\"",
                    http.get("/admin/users?per_page=1", NETLIFY_ADMIN).header("Link"));
            assertEquals("</admin/users?page=3&per_page=1>; rel=\"next\", </admin/users?page=1&per_page=1>; rel=\"prev\", "
                    + "</admin/users?page=3&per_page=1>; rel=\"last\"",
                    http.get("/admin/users?per_page=1&page=2", NETLIFY_ADMIN).header("Link"));
            assertEquals("</admin/users?filter=a+b&page=0&per_page=1>; rel=\"last\"",
                    http.get("/admin/users?per_page=1&filter=a%20b", NETLIFY_ADMIN).header("Link"));
        }
    }

    @Test
    void supabaseLinksNeverHavePrev() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE))) {
            TestHttp http = new TestHttp(emulator);
            createUsers(http, 2);
            String[] admin = bearer(TestHttp.serviceRole());
            assertEquals("</admin/users?page=2&per_page=1>; rel=\"next\", </admin/users?page=2&per_page=1>; rel=\"last\"",
                    http.get("/admin/users?per_page=1", admin).header("Link"));
            assertEquals("</admin/users?page=2&per_page=1>; rel=\"last\"",
                    http.get("/admin/users?per_page=1&page=2", admin).header("Link"));
            TestHttp.Response beyond = http.get("/admin/users?page=9", admin);
            assertEquals(0, beyond.json().get("users").size());
            assertEquals("2", beyond.header("X-Total-Count"));
        }
    }

    @Test
    void defaultOrderIsNewestFirstAndSortReverses() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY))) {
            TestHttp http = new TestHttp(emulator);
            List<String> emails = createUsers(http, 4);
            assertEquals(List.of(emails.get(3), emails.get(2), emails.get(1), emails.get(0)),
                    emails(http.get("/admin/users", NETLIFY_ADMIN).json()));
            assertEquals(emails, emails(http.get("/admin/users?sort=created_at%20asc", NETLIFY_ADMIN).json()));
            assertEquals(List.of(emails.get(1)),
                    emails(http.get("/admin/users?sort=created_at+asc&per_page=1&page=2", NETLIFY_ADMIN).json()));
            assertEquals("{\"code\":400,\"msg\":\"Bad Sort Parameters: bad field for sort 'email'\"}",
                    http.get("/admin/users?sort=email", NETLIFY_ADMIN).body());
            assertEquals("Bad Sort Parameters: bad direction for sort 'created_at', only 'asc' and 'desc' allowed",
                    http.get("/admin/users?sort=created_at%20up", NETLIFY_ADMIN).json().get("msg").asText());
        }
    }

    @Test
    void filterIsCaseInsensitiveForNetlifyAndCaseSensitiveEmailForSupabase() {
        try (GoTrueEmulator n = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY));
             GoTrueEmulator s = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE))) {
            createUsers(new TestHttp(n), 3);
            createUsers(new TestHttp(s), 3);
            TestHttp.Response netlify = new TestHttp(n).get("/admin/users?filter=USER1", NETLIFY_ADMIN);
            assertEquals("1", netlify.header("X-Total-Count"));
            String[] admin = bearer(TestHttp.serviceRole());
            assertEquals("0", new TestHttp(s).get("/admin/users?filter=USER1", admin).header("X-Total-Count"));
            assertEquals("1", new TestHttp(s).get("/admin/users?filter=user1%40example", admin).header("X-Total-Count"));
        }
    }

    @Test
    void fullNameFilterIgnoresCase() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE))) {
            TestHttp http = new TestHttp(emulator);
            http.postJson("/signup", "{\"email\":\"a@x.test\",\"password\":\"secret1\",\"data\":{\"full_name\":\"Ada Lovelace\"}}");
            http.postJson("/signup", "{\"email\":\"b@x.test\",\"password\":\"secret1\"}");
            TestHttp.Response response = http.get("/admin/users?filter=lovelace", bearer(TestHttp.serviceRole()));
            assertEquals(List.of("a@x.test"), emails(response.json()));
        }
    }

    @Test
    void audiencesAreListedSeparately() {
        try (GoTrueEmulator emulator = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY))) {
            TestHttp http = new TestHttp(emulator);
            createUsers(http, 1);
            createUsers(http, 2, "X-JWT-AUD", "other");
            assertEquals("1", http.get("/admin/users", NETLIFY_ADMIN).header("X-Total-Count"));
            TestHttp.Response other = http.get("/admin/users", "Authorization", "Bearer " + TestHttp.OPERATOR,
                    "X-JWT-AUD", "other");
            assertEquals("2", other.header("X-Total-Count"));
            assertEquals("other", other.json().get("aud").asText());
        }
    }

    @Test
    void badPaginationParameters() {
        try (GoTrueEmulator n = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.NETLIFY));
             GoTrueEmulator s = GoTrueEmulator.start(TestHttp.options(EmulatorFlavor.SUPABASE))) {
            assertEquals("{\"code\":400,\"msg\":\"Bad Pagination Parameters: strconv.ParseUint: parsing \\\"abc\\\": invalid syntax\"}",
                    new TestHttp(n).get("/admin/users?per_page=abc", NETLIFY_ADMIN).body());
            TestHttp supabase = new TestHttp(s);
            String[] admin = bearer(TestHttp.serviceRole());
            TestHttp.Response bad = supabase.get("/admin/users?page=-1", admin);
            assertEquals("validation_failed", bad.json().get("error_code").asText());
            assertTrue(bad.json().get("msg").asText().startsWith("Bad Pagination Parameters:"));
            assertEquals(500, supabase.get("/admin/users?per_page=0", admin).status());
            TestHttp netlify = new TestHttp(n);
            assertThrows(IOException.class, () -> netlify.sendRaw(netlify.request("/admin/users?per_page=0")
                    .header("Authorization", "Bearer " + TestHttp.OPERATOR)));
        }
    }

    private static List<String> emails(JsonNode body) {
        List<String> emails = new ArrayList<>();
        body.get("users").forEach(u -> emails.add(u.get("email").asText()));
        return emails;
    }
}
