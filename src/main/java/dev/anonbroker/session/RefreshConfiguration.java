package dev.anonbroker.session;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * {@code broker.refresh.*}: the bound of {@link RefreshTokens}.
 *
 * @param maxSessions sessions whose refresh token is remembered at once (each until its start plus
 *                    {@code broker.max-session-age} plus {@code broker.clock-skew}); when full, a new session is
 *                    refused with 503 rather than forgetting a live one
 */
@ConfigurationProperties(RefreshConfiguration.PREFIX)
record RefreshConfiguration(@Bindable(defaultValue = "100000") @Min(1) int maxSessions) {

    static final String PREFIX = "broker.refresh";
}
