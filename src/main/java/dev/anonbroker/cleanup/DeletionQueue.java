package dev.anonbroker.cleanup;

/**
 * Deletes throwaway users in GoTrue off the request path, with retries. Enqueueing never throws and never blocks on
 * GoTrue: a deletion that keeps failing is left for the orphan sweep, never for the caller.
 */
public interface DeletionQueue {

    /** Schedules deletion of this GoTrue user after the configured delay. Idempotent per user id. */
    void enqueue(String userId);

    /**
     * For a sign-up that got no answer (timed out, or the connection failed): GoTrue may still create the user, whose id
     * the broker then never learns. After the configured delay, looks up the throwaway user with exactly this email
     * for {@code broker.cleanup.lookup-window} and deletes it when found. Idempotent per email.
     */
    void enqueueByEmail(String email);

    /**
     * A user this instance keeps for now and queues with {@link #enqueue} later (a warm-pool member). With a shared
     * deletion ledger it is held there like a queued user until then, so that if this instance dies another one
     * deletes it; without one, this does nothing.
     */
    void keep(String userId);

    /** Jobs waiting or running now: users to delete and timed-out sign-ups to look up. */
    int pending();
}
