package dev.anonbroker.sweep;

import java.time.Duration;

/**
 * Who may sweep now, across broker instances (with {@code redis.uri}: a key in Redis). Only the holder of the lease
 * walks GoTrue's user list, so instances do not walk the same pages at once; a holder that dies loses the lease when
 * it expires. Deletes are idempotent either way: the lease saves GoTrue calls, it does not make the sweep safe.
 */
public interface SweepLease {

    /** Takes the lease for {@code duration}, renewed while held; empty when another instance holds it. */
    java.util.Optional<Held> tryTake(Duration duration);

    /** A lease this instance holds until {@link #close()}. */
    interface Held extends AutoCloseable {

        /** Gives the lease up, so that the next instance need not wait for it to expire. */
        @Override
        void close();
    }
}
