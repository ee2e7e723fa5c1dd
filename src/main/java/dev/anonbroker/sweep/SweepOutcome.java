package dev.anonbroker.sweep;

/** How a sweep run ended, or that it is still running. */
public enum SweepOutcome {
    /** Still walking the user list. */
    RUNNING,
    /** Walked every page, or reached users younger than the grace period. The next run starts from the oldest user. */
    COMPLETED,
    /** Stopped at {@code max-pages-per-run} or {@code max-deletions-per-run}; the next run resumes there. */
    BOUNDED,
    /** GoTrue answered 429: stopped early; no run starts before its {@code Retry-After} has passed. */
    RATE_LIMITED,
    /** GoTrue kept failing (5xx, timeouts, unreachable) after the deletion retry policy's attempts; resumes next run. */
    GOTRUE_FAILED,
    /** Not started: GoTrue's {@code Retry-After} from an earlier run is still in force. */
    DEFERRED,
    /** Not started: another broker instance holds the sweep lease (with {@code redis.uri}), so it is sweeping. */
    RUNNING_ELSEWHERE
}
