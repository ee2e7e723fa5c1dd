package dev.anonbroker.emulator;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionStoreTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void closingASessionWhoseUserHasNoTokensIsQuiet() {
        SessionStore store = new SessionStore(() -> Ids.base32Token(12));
        SessionStore.Session session = store.openSession("u1", "password", NOW);

        store.closeSession(session.id());

        assertFalse(store.session(session.id()).isPresent());
    }

    @Test
    void closingASessionAfterItsUsersTokensWereForgottenIsQuiet() {
        SessionStore store = new SessionStore(() -> Ids.base32Token(12));
        SessionStore.Session first = store.openSession("u1", "password", NOW);
        SessionStore.RefreshToken token = store.issue("u1", first.id(), NOW);
        store.forgetUser("u1");
        SessionStore.Session late = store.openSession("u1", "password", NOW);

        store.closeSession(late.id());

        assertFalse(store.session(late.id()).isPresent());
        assertTrue(store.find(token.token).isEmpty());
    }
}
