package dev.anonbroker.pool;

import java.time.Instant;

/**
 * Makes one warm-pool member: a throwaway user created and proven the way the configured mode needs (logged in, its
 * GoTrue access token verified), carrying the marker with its hold. Called on a refill thread, off every request.
 * Implemented where the throwaway-user scheme lives ({@code session/}).
 */
public interface MemberProvisioner {

    /**
     * Creates and proves one member held until {@code pooledUntil}; answers its GoTrue user id. On failure it throws,
     * and has already queued for deletion any user it created (or may have created), so nothing leaks.
     */
    String provision(Instant pooledUntil);
}
