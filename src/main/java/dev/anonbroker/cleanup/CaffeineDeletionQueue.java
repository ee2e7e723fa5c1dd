package dev.anonbroker.cleanup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.anonbroker.cleanup.DeletionMetrics.HandOffReason;
import dev.anonbroker.gotrue.DeleteOutcome;
import dev.anonbroker.gotrue.GoTrueClient;
import dev.anonbroker.gotrue.GoTrueException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The deletion queue. A Caffeine cache holds the users that are pending (deduplicated, counted, with statistics);
 * a timer thread waits out delays and backoffs; a fixed pool of {@code concurrency} workers calls GoTrue.
 * On graceful shutdown every waiting deletion is started at once and the workers get {@code drainTimeout}
 * to finish; whatever is left then is the sweep's. ({@code waiting} tracks the timer's tasks by user, because a
 * stopped {@link ScheduledExecutorService} cancels rather than runs the tasks it hands back.)
 */
@Singleton
final class CaffeineDeletionQueue implements DeletionQueue {

    private static final Logger LOG = LoggerFactory.getLogger(CaffeineDeletionQueue.class);

    private final GoTrueClient gotrue;
    private final CleanupConfiguration configuration;
    private final DeletionMetrics metrics;
    private final DeletionRetryPolicy retryPolicy;
    private final Cache<String, Integer> attemptsByUser = Caffeine.newBuilder().recordStats().build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("deletion-timer"));
    private final ExecutorService workers;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    CaffeineDeletionQueue(GoTrueClient gotrue, CleanupConfiguration configuration, DeletionRetryPolicy retryPolicy,
                          DeletionMetrics metrics) {
        this.gotrue = gotrue;
        this.configuration = configuration;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.workers = Executors.newFixedThreadPool(configuration.concurrency(), DaemonThreads.named("deletion-worker"));
        metrics.watchQueueSize(this::pending);
    }

    @Override
    public void enqueue(String userId) {
        if (attemptsByUser.estimatedSize() >= configuration.maxPending()) {
            handOff(userId, HandOffReason.QUEUE_FULL);
            return;
        }
        if (attemptsByUser.asMap().putIfAbsent(userId, 0) == null) {
            scheduleAttempt(userId, configuration.delay());
        }
    }

    @Override
    public int pending() {
        return attemptsByUser.asMap().size();
    }

    private void scheduleAttempt(String userId, Duration wait) {
        try {
            waiting.add(userId);
            timer.schedule(() -> startAttempt(userId), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            handOff(userId, HandOffReason.SHUTDOWN);
        }
    }

    private void startAttempt(String userId) {
        if (!waiting.remove(userId)) {
            return;
        }
        try {
            workers.execute(() -> attempt(userId));
        } catch (RejectedExecutionException shuttingDown) {
            handOff(userId, HandOffReason.SHUTDOWN);
        }
    }

    private void attempt(String userId) {
        int attempt = attemptsByUser.asMap().merge(userId, 1, Integer::sum);
        try {
            DeleteOutcome outcome = gotrue.deleteUser(userId);
            attemptsByUser.invalidate(userId);
            metrics.done(outcome);
        } catch (GoTrueException failure) {
            afterFailure(userId, attempt, failure.getMessage(), failure.retryAfter().orElse(null));
        } catch (RuntimeException failure) {
            afterFailure(userId, attempt, failure.getClass().getSimpleName(), null);
        }
    }

    private void afterFailure(String userId, int attempt, String reason, Duration retryAfter) {
        metrics.attemptFailed();
        if (!retryPolicy.mayRetryAfter(attempt)) {
            LOG.warn("Deleting GoTrue user {} failed {} times ({}); leaving it for the orphan sweep", userId, attempt, reason);
            handOff(userId, HandOffReason.ATTEMPTS_EXHAUSTED);
            return;
        }
        LOG.info("Deleting GoTrue user {} failed (attempt {}: {}); retrying", userId, attempt, reason);
        metrics.retried();
        scheduleAttempt(userId, retryPolicy.waitAfter(attempt, retryAfter));
    }

    private void handOff(String userId, HandOffReason reason) {
        attemptsByUser.invalidate(userId);
        metrics.handedToSweep(reason);
    }

    @PreDestroy
    void drain() throws InterruptedException {
        timer.shutdownNow();
        List.copyOf(waiting).forEach(this::startAttempt);
        workers.shutdown();
        if (!workers.awaitTermination(configuration.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
            LOG.warn("Shutdown: {} GoTrue user(s) not deleted within {}; the orphan sweep will delete them",
                    pending(), configuration.drainTimeout());
        }
    }
}
