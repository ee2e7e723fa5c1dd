package dev.anonbroker.emulator;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserStoreTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");
    private static final String ID = "0b5f8a3e-2f4c-4d7a-9c1e-5a6b7c8d9e0f";

    private static StoredUser user(UserStore store, String id, String email) {
        StoredUser user = new StoredUser(id, store.nextSequence(), NOW, false);
        user.aud = "authenticated";
        user.email = email;
        return user;
    }

    @Test
    void aSecondInsertWithATakenIdFailsAndKeepsTheFirstUser() {
        UserStore store = new UserStore();
        StoredUser first = user(store, ID, "first@x.test");
        assertTrue(store.insert(first));

        assertFalse(store.insert(user(store, ID, "second@x.test")));

        assertTrue(store.byId(ID).orElseThrow() == first);
        assertEquals(1, store.all().size());
        assertTrue(store.byEmail("authenticated", "second@x.test").isEmpty(), "the loser's email is released");
        assertTrue(store.insert(user(store, Ids.newUuid(), "second@x.test")));
    }

    @Test
    void tryInsertSaysWhichKeyWasTaken() {
        UserStore store = new UserStore();
        assertEquals(UserStore.Insert.INSERTED, store.tryInsert(user(store, ID, "same@x.test")));
        assertEquals(UserStore.Insert.ID_TAKEN, store.tryInsert(user(store, ID, "other@x.test")));
        assertEquals(UserStore.Insert.EMAIL_TAKEN, store.tryInsert(user(store, Ids.newUuid(), "SAME@x.test")));
    }
}
