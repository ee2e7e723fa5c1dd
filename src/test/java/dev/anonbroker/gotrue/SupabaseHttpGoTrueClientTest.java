package dev.anonbroker.gotrue;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client contract against the supabase emulator; admin calls use service_role JWTs signed from the secret. */
class SupabaseHttpGoTrueClientTest extends HttpGoTrueClientContract {

    @Override
    GoTrueFlavor flavor() {
        return GoTrueFlavor.SUPABASE;
    }

    @Override
    Map<String, Object> adminProperties() {
        return Map.of("broker.gotrue.jwt-secret", jwtSecret);
    }

    @Override
    String badGrantErrorCode() {
        return "invalid_credentials";
    }

    @Override
    int deletedUserStatus() {
        return 403;
    }

    @Test
    void settingsReadMailerAutoconfirmAndAnonymousUsers() {
        assertEquals(new GoTrueSettings(false, true, true, true), client.settings());
    }

    @Test
    void anonymousSignUpGivesAnAnonymousUserWithTokens() {
        GoTrueTokens tokens = client.signUpAnonymously(MARKER, VISITOR_IP);

        assertTokens(tokens);
        assertTrue(tokens.user().anonymous());
        assertEquals("", tokens.user().email());
        assertEquals("v1", tokens.user().userMetadata().get("anon_broker"));
        GoTrueUser verified = client.getUser(tokens.accessToken());
        assertEquals(tokens.user().id(), verified.id());
        assertTrue(verified.anonymous());
    }
}
