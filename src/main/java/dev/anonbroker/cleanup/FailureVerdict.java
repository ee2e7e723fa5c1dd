package dev.anonbroker.cleanup;

import dev.anonbroker.gotrue.GoTrueException;

/**
 * What one failed GoTrue call of the deletion queue means for its job. Only a failure that says something about this
 * job spends one of its attempts; a failure that only says GoTrue is unavailable defers the job, so that an outage
 * of any length never exhausts the budget of the users waiting for it.
 */
enum FailureVerdict {
    /** Counts as an attempt: GoTrue refused this call, or failed it while it completed other calls of the queue. */
    COUNTED,
    /** Not sent: the circuit breaker is open; try again when it half-opens. */
    DEFERRED_CIRCUIT_OPEN,
    /** GoTrue failed this call and completed no other call of the queue since this job last failed. */
    DEFERRED_GOTRUE_FAILING;

    /**
     * @param kind              the failure's kind; null for a failure that is not a {@link GoTrueException}
     * @param gotrueServedOthers whether GoTrue completed another call of the queue since this job was queued or last failed
     */
    static FailureVerdict of(GoTrueException.Kind kind, boolean gotrueServedOthers) {
        if (kind == GoTrueException.Kind.CIRCUIT_OPEN) {
            return DEFERRED_CIRCUIT_OPEN;
        }
        if (kind == null || kind == GoTrueException.Kind.REJECTED || gotrueServedOthers) {
            return COUNTED;
        }
        return DEFERRED_GOTRUE_FAILING;
    }
}
