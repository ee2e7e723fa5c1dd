package dev.anonbroker.session;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * {@code broker.exchange.*}: {@code POST /anon-session/exchange}.
 *
 * @param maxRemembered exchanged GoTrue tokens remembered at once, each until its {@code exp} plus
 *                      {@code broker.clock-skew}; when full, exchanges are refused (503), never forgotten early
 */
@ConfigurationProperties(ExchangeConfiguration.PREFIX)
record ExchangeConfiguration(@Bindable(defaultValue = "200000") @Min(1) long maxRemembered) {

    static final String PREFIX = "broker.exchange";

    ExchangeConfiguration {
        if (maxRemembered < 1) {
            throw new ConfigurationException(PREFIX + ".max-remembered must be at least 1");
        }
    }
}
