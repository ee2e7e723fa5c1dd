package dev.anonbroker.gotrue;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The client contract against the netlify emulator; admin calls use the operator token. */
class NetlifyHttpGoTrueClientTest extends HttpGoTrueClientContract {

    @Override
    GoTrueFlavor flavor() {
        return GoTrueFlavor.NETLIFY;
    }

    @Override
    Map<String, Object> adminProperties() {
        return Map.of("broker.gotrue.admin-token", operatorToken);
    }

    @Override
    String badGrantErrorCode() {
        return "invalid_grant";
    }

    @Override
    int deletedUserStatus() {
        return 404;
    }

    @Test
    void settingsReadNetlifysAutoconfirm() {
        assertEquals(new GoTrueSettings(false, true, false, true), client.settings());
    }

    @Test
    void anonymousSignUpIsRefusedForNetlify() {
        assertThrows(UnsupportedOperationException.class, () -> client.signUpAnonymously(MARKER, VISITOR_IP));
    }
}
