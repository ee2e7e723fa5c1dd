package dev.anonbroker.shared;

import dev.anonbroker.gate.SingleUseSet;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * With {@code redis.uri}: every set lives in Redis, shared by all brokers with the same
 * {@code broker.redis.key-prefix}.
 */
@Singleton
@Requires(property = SharedStateConfiguration.REDIS_URI)
final class RedisSingleUseSets implements SingleUseSets {

    private final SharedRedis redis;
    private final Clock clock;

    RedisSingleUseSets(SharedRedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public SingleUseSet named(String name, long maxRemembered) {
        return new RedisSingleUseSet(redis, name, clock);
    }
}
