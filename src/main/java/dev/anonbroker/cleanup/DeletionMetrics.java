package dev.anonbroker.cleanup;

import dev.anonbroker.gotrue.DeleteOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Prometheus meters of the deletion queue: done, retried, deferred, failed attempts, lookups by email, and users
 * handed to the sweep.
 */
@Singleton
final class DeletionMetrics {

    /** Why a user was left for the sweep instead of being deleted by the queue. */
    enum HandOffReason { ATTEMPTS_EXHAUSTED, QUEUE_FULL, SHUTDOWN, LOOKUP_WINDOW_PASSED }

    /** Why a failed try did not count against the retry budget. */
    enum DeferralReason { CIRCUIT_OPEN, GOTRUE_FAILING }

    private final MeterRegistry registry;
    private final Counter retried;
    private final Counter failedAttempts;

    DeletionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.retried = Counter.builder("broker.cleanup.retries")
                .description("Deletion attempts scheduled again after a failure").register(registry);
        this.failedAttempts = Counter.builder("broker.cleanup.failed.attempts")
                .description("Deletion attempts that failed").register(registry);
    }

    void watchQueueSize(Supplier<Number> size) {
        registry.gauge("broker.cleanup.queue.size", size, s -> s.get().doubleValue());
    }

    void done(DeleteOutcome outcome) {
        registry.counter("broker.cleanup.deletions", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    void attemptFailed() {
        failedAttempts.increment();
    }

    void retried() {
        retried.increment();
    }

    void deferred(DeferralReason reason) {
        registry.counter("broker.cleanup.deferrals", "reason", label(reason)).increment();
    }

    /** One lookup by email: {@code found}, {@code not_found}, {@code not_throwaway} or {@code failed}. */
    void lookedUp(String outcome) {
        registry.counter("broker.cleanup.lookups", "outcome", outcome).increment();
    }

    /** A job taken over from another instance through the deletion ledger. */
    void adopted() {
        registry.counter("broker.cleanup.taken.over").increment();
    }

    void handedToSweep(HandOffReason reason) {
        registry.counter("broker.cleanup.handed.to.sweep", "reason", label(reason)).increment();
    }

    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
