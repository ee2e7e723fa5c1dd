package dev.anonbroker.cleanup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Keeps the {@link DeletionLedger} in step with one instance's deletion queue, on one thread of its own, so that
 * writes to the ledger happen in the order the queue made them and never on a request's thread.
 *
 * <ul>
 *   <li>A job the queue takes on is added to the ledger, due {@code delay + lease} from now; a job it finishes is
 *       removed. Changes that arrive together are written together.</li>
 *   <li>Every {@code lease / 3} every job still in the queue, and every user the instance keeps (warm-pool members),
 *       is held for another {@code delay + lease}. This also records again what the ledger missed while it was
 *       failing, or lost in a restart: the queue is the local copy.</li>
 *   <li>At the same beat, entries that have fallen due (their instance stopped holding them: it died) are claimed,
 *       at most as many as the queue has room for, and handed to the queue to run at once.</li>
 *   <li>On shutdown, what the queue could not finish is made due at once, for the other instances.</li>
 * </ul>
 */
final class LedgerSync {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerSync.class);
    private static final int MAX_CLAIMED_PER_BEAT = 1000;

    private final DeletionLedger ledger;
    private final Duration holdFor;
    private final Duration lease;
    private final Supplier<Collection<Job>> queued;
    private final IntSupplier room;
    private final Consumer<Job> adopt;
    private final Set<String> toHold = ConcurrentHashMap.newKeySet();
    private final Set<String> toRelease = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("deletion-ledger"));

    /**
     * @param queued what the queue holds now, and the users kept for it
     * @param room   how many more jobs the queue takes
     * @param adopt  runs a claimed job at once
     */
    LedgerSync(DeletionLedger ledger, CleanupConfiguration configuration, Supplier<Collection<Job>> queued,
               IntSupplier room, Consumer<Job> adopt) {
        this.ledger = ledger;
        this.lease = configuration.lease();
        this.holdFor = configuration.delay().plus(lease);
        this.queued = queued;
        this.room = room;
        this.adopt = adopt;
        long beat = Math.max(1, lease.toMillis() / 3);
        thread.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
    }

    void taken(Job job) {
        toHold.add(job.ledgerEntry());
        flushSoon();
    }

    void finished(Job job) {
        toRelease.add(job.ledgerEntry());
        flushSoon();
    }

    private void flushSoon() {
        if (flushQueued.compareAndSet(false, true)) {
            try {
                thread.execute(this::flush);
            } catch (RejectedExecutionException shuttingDown) {
                flushQueued.set(false);
            }
        }
    }

    private void flush() {
        flushQueued.set(false);
        List<String> holding = drain(toHold);
        if (!holding.isEmpty()) {
            try {
                ledger.hold(holding, holdFor);
            } catch (RuntimeException failure) {
                LOG.debug("Deletion ledger: {} new job(s) not recorded yet ({}); the next beat records them",
                        holding.size(), failure.getClass().getSimpleName());
            }
        }
        List<String> releasing = drain(toRelease);
        if (!releasing.isEmpty()) {
            try {
                ledger.release(releasing);
            } catch (RuntimeException failure) {
                toRelease.addAll(releasing);
            }
        }
    }

    private void beat() {
        try {
            flush();
            List<String> holding = queued.get().stream().map(Job::ledgerEntry).toList();
            if (!holding.isEmpty()) {
                ledger.hold(holding, holdFor);
            }
            claim();
        } catch (RuntimeException failure) {
            LOG.debug("Deletion ledger: beat failed ({}); the queue keeps its jobs and tries again",
                    failure.getClass().getSimpleName());
        }
    }

    private void claim() {
        int max = Math.min(MAX_CLAIMED_PER_BEAT, room.getAsInt());
        if (max <= 0) {
            return;
        }
        List<String> claimed = ledger.claimDue(max, lease);
        if (!claimed.isEmpty()) {
            LOG.info("Deletion ledger: took over {} job(s) of a broker instance that stopped holding them",
                    claimed.size());
        }
        for (String entry : claimed) {
            Job.fromLedgerEntry(entry).ifPresentOrElse(adopt,
                    () -> LOG.debug("Deletion ledger: an entry this version does not know was left for another"));
        }
    }

    /** Writes what is pending and hands {@code unfinished} to the other instances; then stops. */
    void close(Collection<Job> unfinished) {
        thread.shutdownNow();
        try {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        List<String> handing = unfinished.stream().map(Job::ledgerEntry).toList();
        if (handing.isEmpty()) {
            return;
        }
        try {
            ledger.handOver(handing);
            LOG.info("Shutdown: {} GoTrue user(s) not deleted yet were handed to the other broker instances",
                    handing.size());
        } catch (RuntimeException failure) {
            LOG.warn("Shutdown: {} GoTrue user(s) not deleted yet stay in the deletion ledger; other instances take "
                    + "them over within {}", handing.size(), holdFor);
        }
    }

    private static List<String> drain(Set<String> changes) {
        List<String> drained = List.copyOf(changes);
        changes.removeAll(drained);
        return drained;
    }
}
