package dev.anonbroker.cleanup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.anonbroker.cleanup.DeletionMetrics.DeferralReason;
import dev.anonbroker.cleanup.DeletionMetrics.HandOffReason;
import dev.anonbroker.gotrue.DeleteOutcome;
import dev.anonbroker.gotrue.GoTrueClient;
import dev.anonbroker.gotrue.GoTrueException;
import dev.anonbroker.gotrue.GoTrueUser;
import dev.anonbroker.gotrue.ThrowawayUserRule;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deletion queue. A Caffeine cache holds the pending jobs (deduplicated, counted, with statistics); a timer
 * thread waits out delays and backoffs; a fixed pool of {@code concurrency} workers calls GoTrue.
 *
 * <p>A failed try spends one of the job's attempts only when it says something about this job (see
 * {@link FailureVerdict}): while the circuit breaker is open, or while GoTrue completes none of the queue's calls,
 * jobs wait for it without spending attempts, so an outage of any length loses no user.
 *
 * <p>On graceful shutdown every waiting job is started at once and the workers get {@code drainTimeout} to finish;
 * whatever is left then is the sweep's. ({@code waiting} tracks the timer's tasks by job, because a stopped
 * {@link ScheduledExecutorService} cancels rather than runs the tasks it hands back.)
 *
 * <p>With a {@link DeletionLedger} (Redis), the queue is also written to it through {@link LedgerSync}: jobs of an
 * instance that died are taken over by the others, and what a shutdown left is handed to them, not to the sweep.
 */
@Singleton
final class CaffeineDeletionQueue implements DeletionQueue {

    private static final Logger LOG = LoggerFactory.getLogger(CaffeineDeletionQueue.class);

    private final GoTrueClient gotrue;
    private final CleanupConfiguration configuration;
    private final DeletionMetrics metrics;
    private final DeletionRetryPolicy retryPolicy;
    private final EmailLookups lookups;
    private final ThrowawayUserRule rule;
    private final Cache<Job, Progress> pending = Caffeine.newBuilder().recordStats().build();
    /** GoTrue calls of the queue that succeeded: the evidence that GoTrue works while one job keeps failing. */
    private final AtomicLong successes = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("deletion-timer"));
    private final ExecutorService workers;
    private final Set<Job> waiting = ConcurrentHashMap.newKeySet();
    /** Users kept by this instance for later deletion (see {@link #keep}), held in the ledger while kept. */
    private final Set<String> kept = ConcurrentHashMap.newKeySet();
    /** Jobs a shutdown stopped before they ran: handed to the other instances with what is still pending. */
    private final Set<Job> stoppedByShutdown = ConcurrentHashMap.newKeySet();
    private final LedgerSync ledger;

    CaffeineDeletionQueue(GoTrueClient gotrue, CleanupConfiguration configuration, DeletionRetryPolicy retryPolicy,
                          DeletionMetrics metrics, EmailLookups lookups, ThrowawayUserRule rule,
                          Optional<DeletionLedger> ledger) {
        this.rule = rule;
        this.gotrue = gotrue;
        this.configuration = configuration;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.lookups = lookups;
        this.workers = Executors.newFixedThreadPool(configuration.concurrency(), DaemonThreads.named("deletion-worker"));
        metrics.watchQueueSize(this::pending);
        this.ledger = ledger.map(shared -> new LedgerSync(shared, configuration, this::heldInLedger,
                () -> configuration.maxPending() - pending(), this::adopt)).orElse(null);
    }

    @Override
    public void enqueue(String userId) {
        kept.remove(userId);
        add(new Job.Deletion(userId));
    }

    @Override
    public void keep(String userId) {
        if (ledger != null && kept.add(userId)) {
            ledger.taken(new Job.Deletion(userId));
        }
    }

    /** What this instance must delete one day: its queue and the users it keeps. */
    private Collection<Job> heldInLedger() {
        Set<Job> held = new HashSet<>(pending.asMap().keySet());
        kept.forEach(userId -> held.add(new Job.Deletion(userId)));
        return held;
    }

    @Override
    public void enqueueByEmail(String email) {
        add(new Job.Lookup(email));
    }

    @Override
    public int pending() {
        return pending.asMap().size();
    }

    private void add(Job job) {
        if (pending.estimatedSize() >= configuration.maxPending()) {
            metrics.handedToSweep(HandOffReason.QUEUE_FULL);
            return;
        }
        if (pending.asMap().putIfAbsent(job, Progress.start(successes.get())) == null) {
            if (ledger != null) {
                ledger.taken(job);
            }
            scheduleAttempt(job, configuration.delay());
        }
    }

    /** A job another instance stopped holding: already overdue, so it runs at once. */
    private void adopt(Job job) {
        if (pending.asMap().putIfAbsent(job, Progress.start(successes.get())) == null) {
            metrics.adopted();
            scheduleAttempt(job, Duration.ZERO);
        }
    }

    /** The job is done here, or left for the sweep: it leaves the queue and the ledger. */
    private void finish(Job job) {
        pending.invalidate(job);
        if (ledger != null) {
            ledger.finished(job);
        }
    }

    private void scheduleAttempt(Job job, Duration wait) {
        try {
            waiting.add(job);
            timer.schedule(() -> startAttempt(job), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            waiting.remove(job);
            handOff(job, HandOffReason.SHUTDOWN);
        }
    }

    private void startAttempt(Job job) {
        if (!waiting.remove(job)) {
            return;
        }
        try {
            workers.execute(() -> attempt(job));
        } catch (RejectedExecutionException shuttingDown) {
            handOff(job, HandOffReason.SHUTDOWN);
        }
    }

    private void attempt(Job job) {
        Progress progress = pending.getIfPresent(job);
        if (progress == null) {
            return;
        }
        try {
            if (job instanceof Job.Deletion deletion) {
                delete(deletion);
            } else if (job instanceof Job.TakeOver takeOver) {
                takeOver(takeOver);
            } else if (job instanceof Job.Lookup lookup) {
                lookUp(lookup, progress);
            }
        } catch (GoTrueException failure) {
            afterFailure(job, progress, failure.kind(), failure.getMessage(), failure.retryAfter().orElse(null));
        } catch (RuntimeException failure) {
            afterFailure(job, progress, null, failure.getClass().getSimpleName(), null);
        }
    }

    private void delete(Job.Deletion job) {
        delete(job, job.userId());
    }

    private void delete(Job job, String userId) {
        DeleteOutcome outcome = gotrue.deleteUser(userId);
        successes.incrementAndGet();
        finish(job);
        metrics.done(outcome);
    }

    private void takeOver(Job.TakeOver job) {
        Optional<GoTrueUser> user = gotrue.findUser(job.userId());
        successes.incrementAndGet();
        if (user.isEmpty()) {
            finish(job);
            metrics.done(DeleteOutcome.ALREADY_GONE);
        } else if (!rule.isThrowaway(user.get())) {
            finish(job);
            LOG.warn("The deletion ledger names GoTrue user {}, which is not a throwaway user; left alone",
                    job.userId());
        } else {
            delete(job, job.userId());
        }
    }

    private void lookUp(Job.Lookup job, Progress progress) {
        EmailLookups.Result result = lookups.find(job.email());
        successes.incrementAndGet();
        metrics.lookedUp(DeletionMetrics.label(result.outcome()));
        switch (result.outcome()) {
            case FOUND -> replaceByDeletion(job, result.user().id());
            case NOT_THROWAWAY -> {
                finish(job);
                LOG.warn("GoTrue user {} has the email of a timed-out sign-up but is not a throwaway user; left alone",
                        result.user().id());
            }
            case NOT_FOUND -> lookAgainLater(job, lookups.notFound(progress));
        }
    }

    /** Deletes the found user on this worker at once; should that fail, it retries as any deletion. */
    private void replaceByDeletion(Job.Lookup lookup, String userId) {
        Job.Deletion deletion = new Job.Deletion(userId);
        boolean fresh = pending.asMap().putIfAbsent(deletion, Progress.start(successes.get())) == null;
        if (fresh && ledger != null) {
            ledger.taken(deletion);
        }
        finish(lookup);
        if (fresh) {
            attempt(deletion);
        }
    }

    private void lookAgainLater(Job.Lookup job, Progress progress) {
        Optional<Duration> wait = lookups.nextLookup(progress);
        if (wait.isEmpty()) {
            LOG.info("No GoTrue user found for a timed-out sign-up within {}; if it appears, the orphan sweep deletes it",
                    configuration.lookupWindow());
            handOff(job, HandOffReason.LOOKUP_WINDOW_PASSED);
        } else if (pending.asMap().replace(job, progress) != null) {
            scheduleAttempt(job, wait.get());
        }
    }

    private void afterFailure(Job job, Progress progress, GoTrueException.Kind kind, String reason, Duration retryAfter) {
        countFailure(job);
        FailureVerdict verdict = FailureVerdict.of(kind, successes.get() > progress.successesMark());
        if (verdict != FailureVerdict.COUNTED) {
            metrics.deferred(verdict == FailureVerdict.DEFERRED_CIRCUIT_OPEN
                    ? DeferralReason.CIRCUIT_OPEN : DeferralReason.GOTRUE_FAILING);
            Progress next = progress.deferred(successes.get());
            LOG.debug("{} deferred ({}): GoTrue is unavailable", job, reason);
            retryLater(job, next, retryPolicy.waitWhileDeferred(next.tries(), retryAfter));
            return;
        }
        Progress next = progress.counted(successes.get());
        if (!retryPolicy.mayRetryAfter(next.attempts())) {
            LOG.warn("{} failed {} times ({}); leaving it for the orphan sweep", job, next.attempts(), reason);
            handOff(job, HandOffReason.ATTEMPTS_EXHAUSTED);
            return;
        }
        LOG.info("{} failed (attempt {}: {}); retrying", job, next.attempts(), reason);
        metrics.retried();
        retryLater(job, next, retryPolicy.waitAfter(next.attempts(), retryAfter));
    }

    private void countFailure(Job job) {
        if (job instanceof Job.Lookup) {
            metrics.lookedUp("failed");
        } else {
            metrics.attemptFailed();
        }
    }

    private void retryLater(Job job, Progress next, Duration wait) {
        if (pending.asMap().replace(job, next) != null) {
            scheduleAttempt(job, wait);
        }
    }

    private void handOff(Job job, HandOffReason reason) {
        if (reason == HandOffReason.SHUTDOWN && ledger != null) {
            pending.invalidate(job);
            stoppedByShutdown.add(job);
        } else {
            finish(job);
        }
        metrics.handedToSweep(reason);
    }

    @PreDestroy
    void drain() throws InterruptedException {
        timer.shutdownNow();
        List.copyOf(waiting).forEach(this::startAttempt);
        workers.shutdown();
        if (!workers.awaitTermination(configuration.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
            LOG.warn("Shutdown: {} GoTrue user(s) not deleted within {}; {}", pending(),
                    configuration.drainTimeout(), ledger == null ? "the orphan sweep will delete them"
                            : "they are handed to the other broker instances");
        }
        if (ledger != null) {
            Collection<Job> unfinished = heldInLedger();
            unfinished.addAll(stoppedByShutdown);
            ledger.close(unfinished);
        }
    }
}
