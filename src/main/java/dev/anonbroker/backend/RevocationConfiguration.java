package dev.anonbroker.backend;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * {@code broker.revocation.*}: the bounds of the {@link RevocationList}.
 *
 * @param maxSessions       revoked sessions remembered at once; a revocation beyond it is refused with 503 rather than
 *                          silently forgetting an older one
 * @param maxHolderSessions how many of them session holders may fill (their own {@code /revoke}, reused refresh
 *                          tokens); less than {@code maxSessions}, so backend clients always keep the rest. Unset: a
 *                          tenth of {@code maxSessions}
 */
@ConfigurationProperties(RevocationConfiguration.PREFIX)
public record RevocationConfiguration(@Bindable(defaultValue = "100000") @Min(1) int maxSessions,
                                      @Nullable @Min(0) Integer maxHolderSessions) {

    public static final String PREFIX = "broker.revocation";

    public RevocationConfiguration {
        if (maxHolderSessions != null && maxHolderSessions >= maxSessions) {
            throw new ConfigurationException("broker.revocation.max-holder-sessions (" + maxHolderSessions
                    + ") must be less than broker.revocation.max-sessions (" + maxSessions
                    + "), so that backend clients can always revoke");
        }
    }

    /** The holders' share: {@link #maxHolderSessions}, or a tenth of {@link #maxSessions}. */
    public int holderShare() {
        return maxHolderSessions != null ? maxHolderSessions : maxSessions / 10;
    }
}
