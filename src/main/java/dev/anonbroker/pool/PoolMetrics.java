package dev.anonbroker.pool;

import dev.anonbroker.gotrue.GoTrueException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Meters of the warm pool, registered only while it is on: gauge {@code broker.pool.size}; counters
 * {@code broker.pool.hits}, {@code broker.pool.misses}, {@code broker.pool.refills},
 * {@code broker.pool.refill.failures} (tag {@code reason}: the GoTrue failure kind, or {@code other}) and
 * {@code broker.pool.retirements}.
 */
@Singleton
final class PoolMetrics {

    private final MeterRegistry registry;
    private final boolean enabled;
    private final Counter hits;
    private final Counter misses;
    private final Counter refills;
    private final Counter retirements;

    PoolMetrics(MeterRegistry registry, PoolConfiguration configuration) {
        this.registry = registry;
        this.enabled = configuration.enabled();
        this.hits = enabled ? Counter.builder("broker.pool.hits")
                .description("Sessions started from a warm-pool member, without a GoTrue call").register(registry) : null;
        this.misses = enabled ? Counter.builder("broker.pool.misses")
                .description("Sessions that found the warm pool empty and took the direct path").register(registry) : null;
        this.refills = enabled ? Counter.builder("broker.pool.refills")
                .description("Members the warm pool made and proved").register(registry) : null;
        this.retirements = enabled ? Counter.builder("broker.pool.retirements")
                .description("Members retired unused at their maximum age and queued for deletion").register(registry) : null;
    }

    void watchSize(PoolMembers members) {
        if (enabled) {
            Gauge.builder("broker.pool.size", members, PoolMembers::size)
                    .description("Members ready in the warm pool").register(registry);
        }
    }

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    void refilled() {
        refills.increment();
    }

    void retired() {
        retirements.increment();
    }

    void refillFailed(RuntimeException failure) {
        String reason = failure instanceof GoTrueException gotrue ? gotrue.kind().name().toLowerCase(Locale.ROOT) : "other";
        registry.counter("broker.pool.refill.failures", "reason", reason).increment();
    }
}
