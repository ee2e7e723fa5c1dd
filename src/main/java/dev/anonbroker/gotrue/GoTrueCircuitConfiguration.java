package dev.anonbroker.gotrue;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code broker.gotrue.circuit-breaker.*}: when the broker stops calling a failing GoTrue for a moment.
 *
 * @param enabled               false sends every call, however GoTrue fares
 * @param failureRateThreshold  percentage of failed calls (5xx, timeouts, unreachable, redirects) in the window that opens it
 * @param slowCallDuration      a call taking longer counts as slow
 * @param slowCallRateThreshold percentage of slow calls in the window that opens it
 * @param slidingWindow         how far back calls count (whole seconds)
 * @param minimumCalls          calls the window needs before a rate is judged
 * @param waitInOpen            how long it stays open before letting probes through
 * @param halfOpenCalls         probes let through when half-open; all must succeed (by the thresholds) to close it
 */
@ConfigurationProperties(GoTrueCircuitConfiguration.PREFIX)
record GoTrueCircuitConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "50") @Min(1) @Max(100) int failureRateThreshold,
        @Bindable(defaultValue = "2s") @NotNull Duration slowCallDuration,
        @Bindable(defaultValue = "80") @Min(1) @Max(100) int slowCallRateThreshold,
        @Bindable(defaultValue = "10s") @NotNull Duration slidingWindow,
        @Bindable(defaultValue = "10") @Min(1) int minimumCalls,
        @Bindable(defaultValue = "3s") @NotNull Duration waitInOpen,
        @Bindable(defaultValue = "3") @Min(1) int halfOpenCalls) {

    static final String PREFIX = GoTrueConfiguration.PREFIX + ".circuit-breaker";

    GoTrueCircuitConfiguration {
        if (slidingWindow != null && slidingWindow.toSeconds() < 1) {
            throw new IllegalArgumentException(PREFIX + ".sliding-window must be at least 1s");
        }
        if (waitInOpen != null && (waitInOpen.isNegative() || waitInOpen.isZero())) {
            throw new IllegalArgumentException(PREFIX + ".wait-in-open must be positive");
        }
    }
}
