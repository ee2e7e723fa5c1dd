package dev.anonbroker.gotrue;

import java.util.Set;

/**
 * Which connection pool a GoTrue call uses. Visitors (the mint path) share one pool; deletions, the sweep and health
 * checks have a reserved one, so that a flood of visitors, or sign-ups GoTrue leaves hanging, can never starve the
 * clean-up.
 */
enum GoTruePurpose {
    /** Calls a visitor's request waits for: sign-up, token grant, token check, settings. */
    VISITOR,
    /** Calls off the mint path: deletions, user listings and lookups (queue and sweep), health checks. */
    CLEANUP;

    private static final Set<String> CLEANUP_OPERATIONS = Set.of("deleteUser", "listUsers", "findUser", "isReachable");

    /** The purpose of a {@link GoTrueTransport} operation, by its name; an unknown name is a visitor's call. */
    static GoTruePurpose of(String operation) {
        return CLEANUP_OPERATIONS.contains(operation) ? CLEANUP : VISITOR;
    }
}
