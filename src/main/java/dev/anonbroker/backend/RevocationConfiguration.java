package dev.anonbroker.backend;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * {@code broker.revocation.*}: the bound of the {@link RevocationList}.
 *
 * @param maxSessions revoked sessions remembered at once; a revocation beyond it is refused with 503 rather than
 *                    silently forgetting an older one
 */
@ConfigurationProperties(RevocationConfiguration.PREFIX)
public record RevocationConfiguration(@Bindable(defaultValue = "100000") @Min(1) int maxSessions) {

    public static final String PREFIX = "broker.revocation";
}
