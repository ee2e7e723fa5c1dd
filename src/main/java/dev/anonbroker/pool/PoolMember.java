package dev.anonbroker.pool;

import java.time.Instant;

/**
 * A throwaway user ready to be handed out, and when it retires. Holds no token or password: the broker mints from
 * the user id alone, and its GoTrue access token was only the proof that the user works.
 */
record PoolMember(String userId, Instant retireAt) {

    boolean isFreshAt(Instant now) {
        return now.isBefore(retireAt);
    }
}
