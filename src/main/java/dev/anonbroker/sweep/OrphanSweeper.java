package dev.anonbroker.sweep;

import dev.anonbroker.gotrue.GoTrueException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs sweeps, one at a time per process: a trigger that arrives while a run is under way gets that run's progress
 * and starts nothing. Remembers across runs where a bounded or failed run stopped (the next resumes there), the last
 * run's summary, and GoTrue's {@code Retry-After} (no run starts before it has passed). Several broker instances
 * may sweep the same GoTrue: each deletes only what the rule selects, and a 404 on delete counts as done. With a
 * {@link SweepLease} (Redis) they also take turns: a run that cannot take the lease starts nothing.
 */
@Singleton
@Requires(property = SweepConfiguration.ENABLED, notEquals = "false")
final class OrphanSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);

    private final SweepPass pass;
    private final SweepMetrics metrics;
    private final Clock clock;
    private final AtomicReference<SweepRun> current = new AtomicReference<>();
    private volatile SweepSummary last;
    private volatile long resumePosition;
    private volatile Instant notBefore = Instant.MIN;
    private final Optional<SweepLease> lease;
    private final Duration leaseDuration;

    OrphanSweeper(SweepPass pass, SweepMetrics metrics, Clock clock, SweepConfiguration configuration,
                  Optional<SweepLease> lease) {
        this.pass = pass;
        this.lease = lease;
        this.leaseDuration = configuration.lease();
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Runs a sweep now and returns its summary; or, when one is already running, returns its progress. */
    SweepSummary sweep(SweepTrigger trigger) {
        Instant now = clock.instant();
        SweepRun run = new SweepRun(trigger, now, resumePosition);
        if (!current.compareAndSet(null, run)) {
            return inProgress().orElseGet(() -> sweep(trigger));
        }
        try {
            if (now.isBefore(notBefore)) {
                return deferred(trigger, now);
            }
            if (lease.isEmpty()) {
                return finish(walk(run, now));
            }
            Optional<SweepLease.Held> held;
            try {
                held = lease.get().tryTake(leaseDuration);
            } catch (RuntimeException failure) {
                LOG.warn("The sweep lease could not be taken ({}); sweeping without it, deletes are idempotent",
                        failure.getClass().getSimpleName());
                return finish(walk(run, now));
            }
            if (held.isEmpty()) {
                return notStarted(trigger, now, SweepOutcome.RUNNING_ELSEWHERE, null);
            }
            try (SweepLease.Held ignored = held.get()) {
                return finish(walk(run, now));
            }
        } finally {
            current.set(null);
        }
    }

    /** The summary of the last finished run, if any. */
    Optional<SweepSummary> last() {
        return Optional.ofNullable(last);
    }

    /** The running run's progress; or, when it has just ended, its summary; empty when there is none to show. */
    private Optional<SweepSummary> inProgress() {
        SweepRun running = current.get();
        return running != null ? Optional.of(running.snapshot(clock.instant())) : Optional.ofNullable(last);
    }

    private SweepRun walk(SweepRun run, Instant now) {
        try {
            pass.walk(run, now);
        } catch (GoTrueException failure) {
            LOG.warn("Orphan sweep stopped at list position {}: {}", run.position(), failure.getMessage());
            run.end(failure);
        } catch (RuntimeException unexpected) {
            LOG.error("Orphan sweep stopped at list position {}", run.position(), unexpected);
            run.end(SweepOutcome.GOTRUE_FAILED, run.position());
        }
        return run;
    }

    private SweepSummary finish(SweepRun run) {
        Instant end = clock.instant();
        SweepSummary summary = run.snapshot(end);
        resumePosition = summary.nextPosition();
        if (run.retryAfter() != null) {
            notBefore = end.plus(run.retryAfter());
        }
        metrics.record(summary);
        last = summary;
        if (summary.orphansDeleted() > 0 || summary.outcome() != SweepOutcome.COMPLETED) {
            LOG.info("Orphan sweep {}: {} users scanned on {} pages, {} orphans removed, {} failed calls, next position {}",
                    summary.outcome(), summary.usersScanned(), summary.pagesRead(), summary.orphansDeleted(),
                    summary.failures(), summary.nextPosition());
        }
        return summary;
    }

    private SweepSummary deferred(SweepTrigger trigger, Instant now) {
        return notStarted(trigger, now, SweepOutcome.DEFERRED, Math.max(1, Duration.between(now, notBefore).toSeconds()));
    }

    private SweepSummary notStarted(SweepTrigger trigger, Instant now, SweepOutcome outcome, Long retryAfterSeconds) {
        SweepSummary summary = new SweepSummary(trigger, outcome, now.toString(), now.toString(),
                0, 0, -1, 0, 0, 0, 0, retryAfterSeconds, resumePosition);
        metrics.record(summary);
        return summary;
    }
}
