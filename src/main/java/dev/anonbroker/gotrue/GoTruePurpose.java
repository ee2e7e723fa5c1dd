package dev.anonbroker.gotrue;

import java.util.Set;

/**
 * Which connection pool and circuit breaker a GoTrue call uses. Visitors (the mint path) share one pool; deletions,
 * the sweep and health checks have a reserved one, so that a flood of visitors, or sign-ups GoTrue leaves hanging,
 * can never starve the clean-up. The warm pool's refills ({@link GoTrueRefillCalls}) ride on the visitors' pool, at
 * most {@code broker.pool.refill-concurrency} connections of it, with a breaker of their own: failing refills must
 * not open the visitors' breaker, and they must not take the clean-up's reserved connections either.
 */
enum GoTruePurpose {
    /** Calls a visitor's request waits for: sign-up, token grant, token check, settings. */
    VISITOR,
    /** Calls off the mint path: deletions, user listings and lookups (queue and sweep), health checks. */
    CLEANUP,
    /** The warm pool making and proving members ahead of demand: admin create, token grant, token check. */
    REFILL;

    private static final Set<String> CLEANUP_OPERATIONS = Set.of("deleteUser", "listUsers", "findUser", "isReachable");

    /**
     * The purpose of a {@link GoTrueTransport} operation, by its name and whether this thread is refilling the warm
     * pool; an unknown name is a visitor's call.
     */
    static GoTruePurpose of(String operation) {
        if (CLEANUP_OPERATIONS.contains(operation)) {
            return CLEANUP;
        }
        return GoTrueRefillCalls.active() ? REFILL : VISITOR;
    }
}
