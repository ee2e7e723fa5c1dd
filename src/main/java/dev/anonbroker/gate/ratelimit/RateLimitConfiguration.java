package dev.anonbroker.gate.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code broker.rate-limit.*}: the broker's own limits. Each limit is {@code N/duration} (N requests, refilled
 * evenly over the duration, e.g. {@code 30/10m}) or {@code off}.
 */
@ConfigurationProperties(RateLimitConfiguration.PREFIX)
public record RateLimitConfiguration(@Bindable(defaultValue = "true") boolean enabled,
                                     @Bindable(defaultValue = "30/10m") String anonSessionPerIp,
                                     @Bindable(defaultValue = "300/10m") String anonSessionPerNetwork,
                                     @Bindable(defaultValue = "30/10m") String exchangePerIp,
                                     @Bindable(defaultValue = "300/10m") String exchangePerNetwork,
                                     @Bindable(defaultValue = "300/10m") String refreshPerIp,
                                     @Bindable(defaultValue = "3000/10m") String refreshPerNetwork,
                                     @Bindable(defaultValue = "20/1s") String mintBudget,
                                     @Bindable(defaultValue = "200000") int maxTrackedKeys) {

    public static final String PREFIX = "broker.rate-limit";

    /** The limits themselves are parsed, and refused naming their property, by {@link RateLimitGate} at start-up. */
    public RateLimitConfiguration {
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-tracked-keys must be at least 1, not " + maxTrackedKeys);
        }
    }
}
