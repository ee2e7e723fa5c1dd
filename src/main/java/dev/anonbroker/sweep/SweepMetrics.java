package dev.anonbroker.sweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Locale;

/**
 * Prometheus meters of the sweep: {@code broker_sweep_runs_total{outcome}}, {@code broker_sweep_users_scanned_total},
 * {@code broker_sweep_orphans_deleted_total{outcome}} ({@code deleted}, {@code already_gone}),
 * {@code broker_sweep_failures_total} (failed GoTrue calls) and {@code broker_sweep_duration_seconds}.
 */
@Singleton
@Requires(property = SweepConfiguration.ENABLED, notEquals = "false")
final class SweepMetrics {

    private final MeterRegistry registry;
    private final Counter scanned;
    private final Counter deleted;
    private final Counter alreadyGone;
    private final Counter failures;
    private final Timer duration;

    SweepMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.scanned = Counter.builder("broker.sweep.users.scanned")
                .description("Users the orphan sweep examined").register(registry);
        this.deleted = orphans(registry, "deleted");
        this.alreadyGone = orphans(registry, "already_gone");
        this.failures = Counter.builder("broker.sweep.failures")
                .description("GoTrue calls of the orphan sweep that failed").register(registry);
        this.duration = Timer.builder("broker.sweep.duration")
                .description("Duration of orphan-sweep runs").register(registry);
    }

    private static Counter orphans(MeterRegistry registry, String outcome) {
        return Counter.builder("broker.sweep.orphans.deleted").tag("outcome", outcome)
                .description("Throwaway users the orphan sweep removed").register(registry);
    }

    void record(SweepSummary summary) {
        registry.counter("broker.sweep.runs", "outcome", summary.outcome().name().toLowerCase(Locale.ROOT)).increment();
        scanned.increment(summary.usersScanned());
        deleted.increment((double) summary.orphansDeleted() - summary.alreadyGone());
        alreadyGone.increment(summary.alreadyGone());
        failures.increment(summary.failures());
        if (summary.outcome() != SweepOutcome.DEFERRED && summary.outcome() != SweepOutcome.RUNNING_ELSEWHERE) {
            duration.record(Duration.ofMillis(summary.durationMillis()));
        }
    }
}
