package dev.anonbroker.emulator.contract;

import java.time.Duration;
import java.util.Optional;

/**
 * A GoTrue the contract suite talks to over HTTP: an emulator instance or a live server. The suite knows it only by
 * its URL and secrets, never by its implementation.
 */
interface GoTrueTarget extends AutoCloseable {

    Flavor flavor();

    /** Root URL without a trailing slash, e.g. {@code http://127.0.0.1:45123}. */
    String baseUrl();

    /** GOTRUE_JWT_SECRET, for minting admin, expired and user tokens. */
    String jwtSecret();

    /** GOTRUE_OPERATOR_TOKEN (netlify), when known. */
    Optional<String> operatorToken();

    /** GOTRUE_JWT_EXP. */
    Duration jwtExp();

    /** GOTRUE_JWT_ISSUER (supabase), when configured. */
    Optional<String> issuer();

    /** GOTRUE_RATE_LIMIT_ANONYMOUS_USERS (supabase), when known. */
    Optional<Integer> anonymousRateLimit();

    /**
     * A target configured as {@code setup} asks: this one when it already is, a fresh one when this kind of target can
     * be reconfigured. Aborts the running test (a JUnit assumption) when neither is possible. Close the lease after use.
     */
    TargetLease acquire(TargetSetup setup);

    @Override
    void close();

    /** A target obtained from {@link #acquire}; closing it stops the target if it was started for the lease. */
    record TargetLease(GoTrueTarget target, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                target.close();
            }
        }
    }
}
