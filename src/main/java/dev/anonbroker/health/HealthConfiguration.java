package dev.anonbroker.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code broker.health.*}: the public {@code GET /health}.
 *
 * @param gotrueCheckInterval how long one GoTrue reachability check (and one Redis PING) answers the public
 *                            {@code /health}: each is asked at most once per interval, whatever the hit rate
 */
@ConfigurationProperties(HealthConfiguration.PREFIX)
record HealthConfiguration(@Bindable(defaultValue = "5s") Duration gotrueCheckInterval) {

    static final String PREFIX = "broker.health";

    HealthConfiguration {
        if (gotrueCheckInterval.isNegative() || gotrueCheckInterval.isZero()) {
            throw new ConfigurationException(PREFIX + ".gotrue-check-interval must be positive");
        }
    }
}
