package dev.anonbroker.gotrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoTrueJsonTest {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static JsonNode parse(String text) throws IOException {
        return JSON.readValue(text, JsonNode.class);
    }

    @Test
    void readsNetlifyUserWithNullMetadata() throws IOException {
        GoTrueUser user = GoTrueJson.user(parse("""
                {"id":"8f7e0c1a-1111-4222-8333-944455556666","aud":"","role":"","email":"a@anon.invalid",
                 "confirmed_at":"2026-05-01T12:00:00Z","app_metadata":{"provider":"email"},"user_metadata":null,
                 "created_at":"2026-05-01T12:00:00Z","updated_at":"2026-05-01T12:00:00Z"}"""));

        assertEquals("8f7e0c1a-1111-4222-8333-944455556666", user.id());
        assertEquals("a@anon.invalid", user.email());
        assertTrue(user.confirmed());
        assertFalse(user.anonymous());
        assertEquals(Map.of(), user.userMetadata());
        assertEquals(Instant.parse("2026-05-01T12:00:00Z"), user.createdAt());
    }

    @Test
    void readsSupabaseAnonymousUserWithMicrosecondsAndZone() throws IOException {
        GoTrueUser user = GoTrueJson.user(parse("""
                {"id":"u1","aud":"authenticated","email":"","phone":"","is_anonymous":true,
                 "app_metadata":{},"user_metadata":{"anon_broker":"v1","gone":null,"n":3},"identities":[],
                 "created_at":"2026-05-01T14:00:00.123456+02:00"}"""));

        assertTrue(user.anonymous());
        assertFalse(user.confirmed());
        assertEquals("authenticated", user.aud());
        assertEquals(Map.of("anon_broker", "v1", "n", 3), user.userMetadata());
        assertEquals(Instant.parse("2026-05-01T12:00:00.123456Z"), user.createdAt());
    }

    @Test
    void supabaseConfirmationIsReadFromEmailConfirmedAt() throws IOException {
        GoTrueUser user = GoTrueJson.user(parse("""
                {"id":"u2","email":"b@anon.invalid","email_confirmed_at":"2026-05-01T12:00:00.5Z","is_anonymous":false,
                 "created_at":"2026-05-01T12:00:00.5Z"}"""));

        assertTrue(user.confirmed());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-05-01T12:00:00Z,             2026-05-01T12:00:00Z",
            "2026-05-01T12:00:00.1Z,           2026-05-01T12:00:00.100Z",
            "2026-05-01T12:00:00.123456789Z,   2026-05-01T12:00:00.123456789Z",
            "2026-05-01T14:00:00+02:00,        2026-05-01T12:00:00Z",
            "2026-05-01T14:00:00.000001+0200,  2026-05-01T12:00:00.000001Z",
            "2026-05-01T14:00:00+02,           2026-05-01T12:00:00Z",
            "2026-05-01 12:00:00.5,            2026-05-01T12:00:00.5Z",
            "2026-05-01t12:00:00z,             2026-05-01T12:00:00Z"
    })
    void readsRfc3339Variants(String text, String expected) {
        assertEquals(Instant.parse(expected), GoTrueJson.instant(text));
    }

    @Test
    void readsTokenResponsesOfBothFlavors() throws IOException {
        GoTrueTokens netlify = GoTrueJson.tokens(parse("""
                {"access_token":"a.b.c","token_type":"bearer","expires_in":3600,"refresh_token":"r1"}"""));
        GoTrueTokens supabase = GoTrueJson.tokens(parse("""
                {"access_token":"x.y.z","token_type":"bearer","expires_in":3599,"expires_at":1,"refresh_token":"r2",
                 "user":{"id":"u3","email":"c@anon.invalid","email_confirmed_at":"2026-05-01T12:00:00Z",
                         "created_at":"2026-05-01T12:00:00Z"}}"""));

        assertEquals(3600, netlify.expiresIn());
        assertNull(netlify.user());
        assertEquals("u3", supabase.user().id());
        assertEquals("r2", supabase.refreshToken());
    }

    @Test
    void readsSettingsOfBothFlavors() throws IOException {
        GoTrueSettings netlify = GoTrueJson.settings(parse("""
                {"external":{"email":true,"github":false},"disable_signup":false,"autoconfirm":true}"""),
                GoTrueFlavor.NETLIFY);
        GoTrueSettings supabase = GoTrueJson.settings(parse("""
                {"external":{"anonymous_users":true,"email":false},"disable_signup":true,"mailer_autoconfirm":true,
                 "phone_autoconfirm":false}"""), GoTrueFlavor.SUPABASE);

        assertEquals(new GoTrueSettings(false, true, false, true), netlify);
        assertEquals(new GoTrueSettings(true, true, true, false), supabase);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "supabase ordinary error      | {\"code\":422,\"error_code\":\"email_exists\",\"msg\":\"x\"} | email_exists",
            "supabase 2024-01-01 shape    | {\"code\":\"bad_jwt\",\"message\":\"x\"}                     | bad_jwt",
            "netlify OAuth error          | {\"error\":\"invalid_grant\",\"error_description\":\"x\"}    | invalid_grant",
            "netlify ordinary error       | {\"code\":404,\"msg\":\"User not found\"}                    | "
    })
    void readsErrorCodes(String description, String body, String expected) throws IOException {
        assertEquals(expected, GoTrueJson.errorCode(parse(body)));
    }
}
