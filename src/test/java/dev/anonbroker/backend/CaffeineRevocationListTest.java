package dev.anonbroker.backend;

import dev.anonbroker.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The revocation list's bound and per-entry expiry, on a clock the test moves. */
class CaffeineRevocationListTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final CaffeineRevocationList list = new CaffeineRevocationList(new RevocationConfiguration(2), clock);

    @Test
    void eachSessionIsRememberedUntilItsOwnInstant() {
        list.revoke("short", clock.instant().plus(Duration.ofMinutes(5)));
        list.revoke("long", clock.instant().plus(Duration.ofMinutes(50)));

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertTrue(list.isRevoked("short"));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(list.isRevoked("short"));
        assertTrue(list.isRevoked("long"));
        assertFalse(list.isRevoked("never"));
    }

    @Test
    void aFullListRefusesRatherThanForgetsAndMakesRoomAsEntriesExpire() {
        assertTrue(list.revoke("a", clock.instant().plus(Duration.ofMinutes(5))));
        assertTrue(list.revoke("b", clock.instant().plus(Duration.ofMinutes(50))));

        assertFalse(list.revoke("c", clock.instant().plus(Duration.ofMinutes(50))), "full");
        assertTrue(list.revoke("b", clock.instant().plus(Duration.ofMinutes(50))), "an entry it holds may be renewed");
        assertTrue(list.isRevoked("a") && list.isRevoked("b"), "nothing was forgotten to make room");
        clock.advance(Duration.ofMinutes(6));
        assertTrue(list.revoke("c", clock.instant().plus(Duration.ofMinutes(50))), "room once 'a' expired");
        assertTrue(list.isRevoked("c"));
    }

    @Test
    void aLaterRevocationNeverShortensAnEarlierOne() {
        list.revoke("s", clock.instant().plus(Duration.ofMinutes(50)));
        list.revoke("s", clock.instant().plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(10));
        assertTrue(list.isRevoked("s"));
    }
}
