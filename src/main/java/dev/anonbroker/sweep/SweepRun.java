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
    private volatile long position;
    private volatile int pagesRead;
    private volatile long usersListed = -1;
    private volatile long usersScanned;
    private volatile int deleted;
    private volatile int alreadyGone;
    private volatile int failures;
    private volatile SweepOutcome outcome = SweepOutcome.RUNNING;
    private volatile Duration retryAfter;
    private volatile long nextPosition;

    SweepRun(SweepTrigger trigger, Instant startedAt, long startPosition) {
        this.trigger = trigger;
        this.startedAt = startedAt;
        this.position = startPosition;
        this.nextPosition = startPosition;
    }

    /** List position (0-based, oldest first) of the first user the walk has not examined yet. */
    long position() {
        return position;
    }

    void moveTo(long value) {
        position = value;
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

    /** Ends the walk; the next run starts at list position {@code resumeAt}. */
    void end(SweepOutcome value, long resumeAt) {
        outcome = value;
        nextPosition = resumeAt;
    }

    /** Ends the walk because GoTrue failed: the next run resumes where this one stopped. */
    void end(GoTrueException failure) {
        if (failure.kind() == GoTrueException.Kind.RATE_LIMITED) {
            retryAfter = failure.retryAfter().orElse(Duration.ZERO);
            end(SweepOutcome.RATE_LIMITED, position);
        } else {
            end(SweepOutcome.GOTRUE_FAILED, position);
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
                running ? position : nextPosition);
    }
}
