package dev.anonbroker.pool;

import dev.anonbroker.gotrue.GoTrueFlavor;
import dev.anonbroker.gotrue.GoTrueMode;
import dev.anonbroker.gotrue.ThrowawayUserRule;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code broker.pool.*}: the warm pool of throwaway users made ahead of demand.
 *
 * @param size              members kept ready; 0 switches the pool off
 * @param maxAge            a member is retired (deleted and replaced) at a random age between three quarters of this and
 *                          this, and never handed out older
 * @param refillConcurrency refills in flight at once
 * @param refillLimit       refills per {@code refillWindow} at most; unset: the mode's GoTrue limit (see {@link #refillBudget})
 * @param refillWindow      the window of {@code refillLimit}; unset: the mode's
 * @param initialBackoff    wait after a failed refill; it doubles with each failure in a row
 * @param maxBackoff        upper bound of that wait
 */
@ConfigurationProperties(PoolConfiguration.PREFIX)
public record PoolConfiguration(
        @Bindable(defaultValue = "0") @Min(0) @Max(10000) int size,
        @Bindable(defaultValue = "10m") @NotNull Duration maxAge,
        @Bindable(defaultValue = "2") @Min(1) int refillConcurrency,
        @Nullable @Min(1) Integer refillLimit,
        @Nullable Duration refillWindow,
        @Bindable(defaultValue = "1s") @NotNull Duration initialBackoff,
        @Bindable(defaultValue = "1m") @NotNull Duration maxBackoff) {

    public static final String PREFIX = "broker.pool";
    static final Duration SHORTEST_MAX_AGE = Duration.ofSeconds(1);

    /** How many refills GoTrue lets through in a window, for the one bucket all of this broker's refills share. */
    record RefillBudget(int limit, Duration window) {
    }

    public PoolConfiguration {
        if (size < 0) {
            throw new ConfigurationException(PREFIX + ".size must not be negative");
        }
        if (maxAge == null || maxAge.compareTo(SHORTEST_MAX_AGE) < 0 || maxAge.compareTo(ThrowawayUserRule.MAX_POOL_HOLD) > 0) {
            throw new ConfigurationException(PREFIX + ".max-age must be between 1s and "
                    + ThrowawayUserRule.MAX_POOL_HOLD.toHours() + "h");
        }
        if (refillWindow != null && (refillWindow.isNegative() || refillWindow.isZero())) {
            throw new ConfigurationException(PREFIX + ".refill-window must be positive");
        }
        if (refillLimit != null && refillLimit < 1) {
            throw new ConfigurationException(PREFIX + ".refill-limit must be at least 1");
        }
        if (initialBackoff == null || maxBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new ConfigurationException(PREFIX + ".initial-backoff must be positive and at most "
                    + PREFIX + ".max-backoff");
        }
    }

    public boolean enabled() {
        return size > 0;
    }

    /**
     * The refill budget: what is configured, else GoTrue's own limit on what a refill spends. Netlify: the password
     * grant, 30 per 5 minutes. Supabase: the password grant, a bucket of 30 refilled at 150 per 5 minutes (30 a
     * minute); anonymous mode: anonymous sign-ups, 30 an hour. Admin creation is never limited.
     */
    RefillBudget refillBudget(GoTrueFlavor flavor, GoTrueMode mode) {
        RefillBudget gotrue;
        if (mode == GoTrueMode.ANONYMOUS) {
            gotrue = new RefillBudget(30, Duration.ofHours(1));
        } else if (flavor == GoTrueFlavor.SUPABASE) {
            gotrue = new RefillBudget(30, Duration.ofMinutes(1));
        } else {
            gotrue = new RefillBudget(30, Duration.ofMinutes(5));
        }
        return new RefillBudget(refillLimit == null ? gotrue.limit() : refillLimit,
                refillWindow == null ? gotrue.window() : refillWindow);
    }
}
