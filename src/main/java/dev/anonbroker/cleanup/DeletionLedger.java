package dev.anonbroker.cleanup;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The deletion queue's record outside the process, shared by every instance (with {@code redis.uri}: a sorted set in
 * Redis). Each entry names one job and the instant it falls due for any instance: an instance holds its own jobs by
 * moving that instant on while it lives, and releases each job it finished. The jobs of an instance that died stop
 * being moved on, fall due, and another instance claims them. Times are the store's clock, not the instances'.
 *
 * <p>Every method may throw when the store fails; the queue then keeps its jobs in memory and records them again
 * once the store answers.
 */
public interface DeletionLedger {

    /** Adds these entries, or moves them to fall due {@code dueIn} from now if that is later than they would. */
    void hold(Collection<String> entries, Duration dueIn);

    /** Removes these entries: their jobs are done (or left for the sweep). */
    void release(Collection<String> entries);

    /**
     * At most {@code max} entries that have fallen due, each moved to fall due again {@code lease} from now, in one
     * atomic step: two instances never claim one entry within a lease.
     */
    List<String> claimDue(int max, Duration lease);

    /** Makes these entries, where present, due at once: a shutting-down instance hands them to the others. */
    void handOver(Collection<String> entries);
}
