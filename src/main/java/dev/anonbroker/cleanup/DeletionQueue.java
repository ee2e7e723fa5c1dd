package dev.anonbroker.cleanup;

/**
 * Deletes throwaway users in GoTrue off the request path, with retries. Enqueueing never throws and never blocks on
 * GoTrue: a deletion that keeps failing is left for the orphan sweep, never for the caller.
 */
public interface DeletionQueue {

    /** Schedules deletion of this GoTrue user after the configured delay. Idempotent per user id. */
    void enqueue(String userId);

    /** Users waiting for deletion or being deleted now. */
    int pending();
}
