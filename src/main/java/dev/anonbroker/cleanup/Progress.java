package dev.anonbroker.cleanup;

/**
 * How far one job has got: failures that counted against its retry budget, deferrals that did not, and what the
 * queue had seen of GoTrue when the job last failed. Immutable; the queue replaces it after each try.
 *
 * @param attempts        failed tries that counted against {@code broker.cleanup.max-attempts}
 * @param deferrals       failed tries that did not count (circuit open, GoTrue failing for every call)
 * @param successesMark   the queue's count of successful GoTrue calls when this job was queued or last failed
 * @param firstAnswerAt   lookups: epoch millis of the first answer that did not find the user; -1 before it
 */
record Progress(int attempts, int deferrals, long successesMark, long firstAnswerAt) {

    static Progress start(long successes) {
        return new Progress(0, 0, successes, -1);
    }

    Progress counted(long successes) {
        return new Progress(attempts + 1, deferrals, successes, firstAnswerAt);
    }

    Progress deferred(long successes) {
        return new Progress(attempts, deferrals + 1, successes, firstAnswerAt);
    }

    Progress answeredAt(long epochMillis) {
        return firstAnswerAt >= 0 ? this : new Progress(attempts, deferrals, successesMark, epochMillis);
    }

    /** Backoff level of the next wait: every failed try so far, counted or not. */
    int tries() {
        return attempts + deferrals;
    }
}
