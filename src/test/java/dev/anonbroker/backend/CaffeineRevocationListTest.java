package dev.anonbroker.backend;

import dev.anonbroker.backend.RevocationList.Revoker;
import dev.anonbroker.support.MutableClock;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The revocation list's bounds, the holders' share and per-entry expiry, on a clock the test moves. */
class CaffeineRevocationListTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final CaffeineRevocationList list = new CaffeineRevocationList(new RevocationConfiguration(2, null), clock);

    private Instant in(Duration duration) {
        return clock.instant().plus(duration);
    }

    @Test
    void eachSessionIsRememberedUntilItsOwnInstant() {
        list.revoke("short", in(Duration.ofMinutes(5)), Revoker.BACKEND_CLIENT);
        list.revoke("long", in(Duration.ofMinutes(50)), Revoker.BACKEND_CLIENT);

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertTrue(list.isRevoked("short"));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(list.isRevoked("short"));
        assertTrue(list.isRevoked("long"));
        assertFalse(list.isRevoked("never"));
    }

    @Test
    void aFullListRefusesRatherThanForgetsAndMakesRoomAsEntriesExpire() {
        assertTrue(list.revoke("a", in(Duration.ofMinutes(5)), Revoker.BACKEND_CLIENT));
        assertTrue(list.revoke("b", in(Duration.ofMinutes(50)), Revoker.BACKEND_CLIENT));

        assertFalse(list.revoke("c", in(Duration.ofMinutes(50)), Revoker.BACKEND_CLIENT), "full");
        assertTrue(list.revoke("b", in(Duration.ofMinutes(50)), Revoker.BACKEND_CLIENT), "an entry it holds may be renewed");
        assertTrue(list.isRevoked("a") && list.isRevoked("b"), "nothing was forgotten to make room");
        clock.advance(Duration.ofMinutes(6));
        assertTrue(list.revoke("c", in(Duration.ofMinutes(50)), Revoker.BACKEND_CLIENT), "room once 'a' expired");
        assertTrue(list.isRevoked("c"));
    }

    @Test
    void aLaterRevocationNeverShortensAnEarlierOne() {
        list.revoke("s", in(Duration.ofMinutes(50)), Revoker.BACKEND_CLIENT);
        list.revoke("s", in(Duration.ofMinutes(5)), Revoker.BACKEND_CLIENT);

        clock.advance(Duration.ofMinutes(10));
        assertTrue(list.isRevoked("s"));
    }

    @Test
    void holdersFillOnlyTheirShareAndBackendClientsStillRevoke() {
        CaffeineRevocationList shared = new CaffeineRevocationList(new RevocationConfiguration(10, 3), clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(shared.revoke(UUID.randomUUID().toString(), in(Duration.ofMinutes(50)), Revoker.SESSION_HOLDER));
        }

        assertFalse(shared.revoke(UUID.randomUUID().toString(), in(Duration.ofMinutes(50)), Revoker.SESSION_HOLDER),
                "the holders' share is full");
        for (int i = 0; i < 7; i++) {
            String sid = UUID.randomUUID().toString();
            assertTrue(shared.revoke(sid, in(Duration.ofMinutes(50)), Revoker.BACKEND_CLIENT), "backend revocation " + i);
            assertTrue(shared.isRevoked(sid));
        }
        clock.advance(Duration.ofMinutes(51));
        assertTrue(shared.revoke(UUID.randomUUID().toString(), in(Duration.ofMinutes(50)), Revoker.SESSION_HOLDER),
                "the share frees as holders' entries expire");
    }

    @Test
    void theHoldersShareDefaultsToATenthAndMustLeaveRoomForBackendClients() {
        assertEquals(10_000, new RevocationConfiguration(100_000, null).holderShare());
        assertThrows(ConfigurationException.class, () -> new RevocationConfiguration(10, 10));
    }
}
