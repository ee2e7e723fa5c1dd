package dev.anonbroker.shared;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.configuration.lettuce.ClientResourcesMutator;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce waits up to 30 s between reconnection attempts by default, so a Redis back after a long outage would stay
 * unused (and every single-use check refused) for up to that long; the broker tries at least once a second.
 */
@Singleton
@Requires(property = SharedStateConfiguration.REDIS_URI)
final class ReconnectDelay implements ClientResourcesMutator {

    @Override
    public void mutate(ClientResources.Builder builder, AbstractRedisConfiguration configuration) {
        builder.reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
                TimeUnit.MILLISECONDS));
    }
}
