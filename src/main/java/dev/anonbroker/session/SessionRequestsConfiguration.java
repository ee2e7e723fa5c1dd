package dev.anonbroker.session;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * {@code broker.session-requests.*}: the bulkhead in front of the endpoints that call GoTrue.
 *
 * @param maxConcurrent requests to {@code /anon-session}, {@code /exchange} and {@code /refresh} in flight at once;
 *                      one more is answered 503 {@code broker-busy} at once instead of waiting for a thread
 * @param retryAfter    the {@code Retry-After} of that answer, rounded up to whole seconds
 */
@ConfigurationProperties(SessionRequestsConfiguration.PREFIX)
record SessionRequestsConfiguration(@Bindable(defaultValue = "64") @Min(1) int maxConcurrent,
                                    @Bindable(defaultValue = "1s") Duration retryAfter) {

    static final String PREFIX = "broker.session-requests";

    SessionRequestsConfiguration {
        if (maxConcurrent < 1) {
            throw new ConfigurationException(PREFIX + ".max-concurrent must be at least 1");
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new ConfigurationException(PREFIX + ".retry-after must be positive");
        }
    }

    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
