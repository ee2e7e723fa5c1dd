package dev.anonbroker.pool;

import dev.anonbroker.cleanup.DeletionQueue;
import dev.anonbroker.gotrue.GoTrueConfiguration;
import dev.anonbroker.gotrue.GoTrueException;
import io.github.bucket4j.Bucket;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the pool full in the background. A timer thread looks at the pool on every claim, after every refill and
 * every {@link #TICK}: it retires stale members (queued for deletion) and starts refills while members plus refills
 * in flight fall short of the size, within {@code refill-concurrency}, the refill budget (GoTrue's limit, one
 * Bucket4j bucket) and the backoff after failures. A failed refill is counted and backed off; no visitor waits for
 * it or sees it.
 */
@Singleton
final class PoolRefiller {

    private static final Logger LOG = LoggerFactory.getLogger(PoolRefiller.class);
    static final Duration TICK = Duration.ofMillis(500);

    private final PoolConfiguration configuration;
    private final PoolMembers members;
    private final PoolMemberFactory factory;
    private final DeletionQueue deletionQueue;
    private final PoolMetrics metrics;
    private final Clock clock;
    private final Bucket budget;
    private final RefillBackoff backoff;
    private final Duration refillTime;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemons("pool-timer"));
    private final ExecutorService workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private volatile boolean closed;

    PoolRefiller(PoolConfiguration configuration, GoTrueConfiguration gotrue, PoolMembers members,
                 PoolMemberFactory factory, PoolMetrics metrics, DeletionQueue deletionQueue, Clock clock) {
        this.configuration = configuration;
        this.members = members;
        this.factory = factory;
        this.deletionQueue = deletionQueue;
        this.metrics = metrics;
        this.clock = clock;
        PoolConfiguration.RefillBudget refills = configuration.refillBudget(gotrue.flavor(), gotrue.mode());
        this.budget = Bucket.builder().addLimit(limit -> limit.capacity(refills.limit())
                .refillGreedy(refills.limit(), refills.window())).build();
        this.refillTime = gotrue.requestDeadline().plusSeconds(1);
        this.backoff = new RefillBackoff(configuration.initialBackoff(), configuration.maxBackoff());
        this.workers = Executors.newFixedThreadPool(configuration.refillConcurrency(), daemons("pool-refill"));
    }

    void start() {
        timer.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks the timer to look at the pool soon; never blocks, and coalesces with a look already asked for. */
    void wake() {
        if (closed || !tickQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            timer.execute(() -> {
                tickQueued.set(false);
                tick();
            });
        } catch (RejectedExecutionException shuttingDown) {
            tickQueued.set(false);
        }
    }

    /** Queues a member that will never be handed out for deletion. */
    void retire(PoolMember member) {
        deletionQueue.enqueue(member.userId());
        metrics.retired();
    }

    private void tick() {
        try {
            members.removeStale(clock.instant()).forEach(this::retire);
            while (!closed && members.size() + inFlight.get() < configuration.size()
                    && inFlight.get() < configuration.refillConcurrency()
                    && !backoff.isPaused() && budget.tryConsume(1)) {
                inFlight.incrementAndGet();
                workers.execute(this::refillOne);
            }
        } catch (RejectedExecutionException shuttingDown) {
            inFlight.decrementAndGet();
        } catch (RuntimeException unexpected) {
            // thrown out of the periodic task, it would end the schedule
            LOG.warn("Warm pool: refill planning failed ({})", unexpected.getClass().getSimpleName());
        }
    }

    private void refillOne() {
        try {
            PoolMember member = factory.make();
            deletionQueue.keep(member.userId());
            members.add(member);
            if (closed && members.remove(member)) {
                deletionQueue.enqueue(member.userId());
            }
            metrics.refilled();
            backoff.succeeded();
        } catch (RuntimeException failure) {
            metrics.refillFailed(failure);
            backoff.failed(failure);
            // a GoTrueException's message names operation, status and code only
            LOG.info("Warm pool: a refill failed ({}); backing off",
                    failure instanceof GoTrueException ? failure.getMessage() : failure.getClass().getSimpleName());
        } finally {
            inFlight.decrementAndGet();
            wake();
        }
    }

    /**
     * Stops refilling and waits for refills in flight as long as one may take (the request deadline, and a second);
     * one that ends later queues its user for deletion itself.
     */
    void close() throws InterruptedException {
        closed = true;
        timer.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(refillTime.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Warm pool: {} refill(s) still running at shutdown", inFlight.get());
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
