package example.backend;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code jti} of every DPoP proof accepted within its lifetime, so that each proof is accepted once (per backend
 * process: with several replicas, keep this in a shared store such as Redis {@code SET NX EX}). Bounded: when full
 * of live entries, new proofs are refused rather than old ones forgotten.
 */
@Singleton
class UsedProofs {

    private static final int CAPACITY = 100_000;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** True the first time {@code id} is used before {@code forgettableAt}; false for a replay or when full. */
    boolean firstUse(String id, Instant forgettableAt) {
        if (seen.size() >= CAPACITY) {
            Instant now = clock.instant();
            seen.values().removeIf(until -> until.isBefore(now));
            if (seen.size() >= CAPACITY) {
                return false;
            }
        }
        return seen.putIfAbsent(id, forgettableAt) == null;
    }
}
