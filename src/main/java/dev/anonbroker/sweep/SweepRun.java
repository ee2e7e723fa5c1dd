package dev.anonbroker.sweep;

import dev.anonbroker.gotrue.GoTrueException;

import java.time.Duration;
import java.time.Instant;

/**
 * The progress of one run. Only the sweeping thread writes it; any thread may read a {@link #snapshot} (a second
 * trigger, the operator endpoint), hence the volatile fields.
 */
final class SweepRun {

    private final SweepTrigger trigger;
    private final Instant startedAt;
    private volatile int page;
    private volatile int pagesRead;
    private volatile long usersListed = -1;
    private volatile long usersScanned;
    private volatile int deleted;
    private volatile int alreadyGone;
    private volatile int failures;
    private volatile SweepOutcome outcome = SweepOutcome.RUNNING;
    private volatile Duration retryAfter;
    private volatile int nextPage;

    SweepRun(SweepTrigger trigger, Instant startedAt, int startPage) {
        this.trigger = trigger;
        this.startedAt = startedAt;
        this.page = startPage;
        this.nextPage = startPage;
    }

    Instant startedAt() {
        return startedAt;
    }

    int page() {
        return page;
    }

    void moveTo(int value) {
        page = value;
    }

    int pagesRead() {
        return pagesRead;
    }

    void pageRead(long totalCount) {
        if (pagesRead++ == 0) {
            usersListed = totalCount;
        }
    }

    void scanned() {
        usersScanned++;
    }

    void removed(boolean wasAlreadyGone) {
        deleted++;
        if (wasAlreadyGone) {
            alreadyGone++;
        }
    }

    /** Users removed in this run, deleted or already gone. */
    int removals() {
        return deleted;
    }

    void failedCall() {
        failures++;
    }

    /** Ends the walk; the next run starts at {@code resumeAt}. */
    void end(SweepOutcome value, int resumeAt) {
        outcome = value;
        nextPage = resumeAt;
    }

    /** Ends the walk because GoTrue failed: the next run resumes on the page where this one stopped. */
    void end(GoTrueException failure) {
        if (failure.kind() == GoTrueException.Kind.RATE_LIMITED) {
            retryAfter = failure.retryAfter().orElse(Duration.ZERO);
            end(SweepOutcome.RATE_LIMITED, page);
        } else {
            end(SweepOutcome.GOTRUE_FAILED, page);
        }
    }

    /** GoTrue's Retry-After when it rate-limited this run. */
    Duration retryAfter() {
        return retryAfter;
    }

    SweepSummary snapshot(Instant now) {
        boolean running = outcome == SweepOutcome.RUNNING;
        return new SweepSummary(trigger, outcome, startedAt.toString(), running ? null : now.toString(),
                Math.max(0, Duration.between(startedAt, now).toMillis()), pagesRead, usersListed, usersScanned,
                deleted, alreadyGone, failures, retryAfter == null ? null : retryAfter.toSeconds(),
                running ? page : nextPage);
    }
}
