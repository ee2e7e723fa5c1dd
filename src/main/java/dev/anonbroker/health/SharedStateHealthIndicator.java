package dev.anonbroker.health;

import dev.anonbroker.shared.SharedRedis;
import dev.anonbroker.shared.SharedStateConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Adds the shared state (the Redis of {@code redis.uri}) to the management port's {@code GET /health}: {@code UP}
 * while Redis answers {@code PING}, {@link PublicHealthController#DEGRADED} otherwise. Degraded, not down: every
 * instance shares the one Redis, so taking instances out of a load balancer for it would stop what they still serve
 * (verification keys, discovery, rate-limited refusals) without making anything work.
 */
@Singleton
@Requires(property = SharedStateConfiguration.REDIS_URI)
final class SharedStateHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final SharedRedis redis;

    SharedStateHealthIndicator(SharedRedis redis) {
        this.redis = redis;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean answering = redis.answersPing();
        healthStatus = answering ? HealthStatus.UP : PublicHealthController.DEGRADED;
        return Map.of("answering", answering, "key_prefix", redis.keyPrefix());
    }

    @Override
    protected String getName() {
        return "shared-state";
    }
}
