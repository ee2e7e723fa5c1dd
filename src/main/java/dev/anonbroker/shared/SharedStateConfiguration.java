package dev.anonbroker.shared;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code broker.redis.*}: how the broker uses the Redis of {@code redis.uri} (Micronaut's own property, read by
 * micronaut-redis-lettuce).
 *
 * @param keyPrefix  first part of every key the broker writes, {@code <prefix>:<set>:<digest>}; brokers that must
 *                   share state use the same prefix, unrelated ones on one Redis use different ones
 * @param timeout    the longest a Redis command or connection attempt may take before the request is refused
 * @param retryAfter the {@code Retry-After} of the 503 answered while Redis fails
 */
@ConfigurationProperties(SharedStateConfiguration.PREFIX)
public record SharedStateConfiguration(@Bindable(defaultValue = "anon-broker") String keyPrefix,
                                       @Bindable(defaultValue = "500ms") Duration timeout,
                                       @Bindable(defaultValue = "5s") Duration retryAfter) {

    public static final String PREFIX = "broker.redis";
    public static final String REDIS_URI = "redis.uri";

    public SharedStateConfiguration {
        if (keyPrefix == null || keyPrefix.isBlank() || keyPrefix.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigurationException(PREFIX + ".key-prefix must be a non-empty word without spaces");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException(PREFIX + ".timeout must be positive");
        }
        if (retryAfter == null || retryAfter.toSeconds() < 1) {
            throw new ConfigurationException(PREFIX + ".retry-after must be at least 1s");
        }
    }
}
