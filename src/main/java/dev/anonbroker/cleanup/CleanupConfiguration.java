package dev.anonbroker.cleanup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code broker.cleanup.*}: when and how persistently throwaway users are deleted.
 *
 * @param delay          wait after minting before the first delete attempt
 * @param maxAttempts    attempts before the user is left for the sweep
 * @param initialBackoff wait before the second attempt; doubles each time, with full jitter
 * @param maxBackoff     upper bound of one wait
 * @param concurrency    deletions in flight at once
 * @param maxPending     users waiting at once; beyond it a user is left for the sweep
 * @param drainTimeout   how long a graceful shutdown waits for pending deletions
 * @param lookupWindow   how long a timed-out sign-up's user is looked up by email after GoTrue first answered a lookup
 * @param lookupInterval wait between two such lookups
 * @param lease          with {@code redis.uri}: how long another instance waits, after this one stopped holding a job
 *                       (it died), before it takes the job over; this instance holds its jobs every third of it
 */
@ConfigurationProperties(CleanupConfiguration.PREFIX)
public record CleanupConfiguration(
        @Bindable(defaultValue = "0s") @NotNull Duration delay,
        @Bindable(defaultValue = "6") @Min(1) int maxAttempts,
        @Bindable(defaultValue = "500ms") @NotNull Duration initialBackoff,
        @Bindable(defaultValue = "30s") @NotNull Duration maxBackoff,
        @Bindable(defaultValue = "4") @Min(1) int concurrency,
        @Bindable(defaultValue = "100000") @Min(1) int maxPending,
        @Bindable(defaultValue = "10s") @NotNull Duration drainTimeout,
        @Bindable(defaultValue = "30s") @NotNull Duration lookupWindow,
        @Bindable(defaultValue = "5s") @NotNull Duration lookupInterval,
        @Bindable(defaultValue = "30s") @NotNull Duration lease) {

    public static final String PREFIX = "broker.cleanup";

    public CleanupConfiguration {
        if (lookupWindow != null && lookupWindow.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".lookup-window must not be negative");
        }
        if (lookupInterval != null && (lookupInterval.isZero() || lookupInterval.isNegative())) {
            throw new IllegalArgumentException(PREFIX + ".lookup-interval must be positive");
        }
        if (lease != null && lease.toMillis() < 300) {
            throw new IllegalArgumentException(PREFIX + ".lease must be at least 300ms");
        }
    }
}
