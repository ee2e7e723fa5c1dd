package dev.anonbroker.sweep;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code broker.sweep.*}: when the orphan sweep runs and how much one run may do.
 *
 * @param enabled             off switch; when false no sweep bean exists (and {@code /sweep} answers 404)
 * @param interval            pause between the end of one run and the start of the next
 * @param cron                a cron expression that replaces {@code interval} when set
 * @param initialDelay        wait after start-up before the first run, which removes what a crashed broker left
 * @param gracePeriod         how old a throwaway user must be before the sweep deletes it
 * @param pageSize            {@code per_page} of {@code GET /admin/users}
 * @param maxPagesPerRun      pages one run reads at most; the next run resumes where it stopped
 * @param maxDeletionsPerRun  users one run deletes at most
 * @param operatorToken       bearer credential of the operator endpoint {@code /sweep}; unset: the endpoint does not exist
 * @param lease               with {@code redis.uri}: how long the sweep lease lasts unless renewed (a run renews it
 *                            every third of it); an instance that dies mid-run holds up the others this long at most
 */
@ConfigurationProperties(SweepConfiguration.PREFIX)
public record SweepConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = SweepConfiguration.DEFAULT_INTERVAL) @NotNull Duration interval,
        @Nullable String cron,
        @Bindable(defaultValue = SweepConfiguration.DEFAULT_INITIAL_DELAY) @NotNull Duration initialDelay,
        @Bindable(defaultValue = "2m") @NotNull Duration gracePeriod,
        @Bindable(defaultValue = "100") @Min(1) int pageSize,
        @Bindable(defaultValue = "100") @Min(1) int maxPagesPerRun,
        @Bindable(defaultValue = "2000") @Min(1) int maxDeletionsPerRun,
        @Nullable String operatorToken,
        @Bindable(defaultValue = "1m") @NotNull Duration lease) {

    public static final String PREFIX = "broker.sweep";
    /** The property that switches the sweep off. */
    public static final String ENABLED = PREFIX + ".enabled";
    static final String DEFAULT_INTERVAL = "5m";
    static final String DEFAULT_INITIAL_DELAY = "10s";

    public SweepConfiguration {
        if (lease != null && lease.toMillis() < 300) {
            throw new IllegalArgumentException(PREFIX + ".lease must be at least 300ms");
        }
    }

    @Override
    public String toString() {
        return "SweepConfiguration[enabled=" + enabled + ", interval=" + interval + ", cron=" + cron
                + ", gracePeriod=" + gracePeriod + ", pageSize=" + pageSize + ", maxPagesPerRun=" + maxPagesPerRun
                + ", maxDeletionsPerRun=" + maxDeletionsPerRun + ", lease=" + lease
                + ", operatorToken=" + (operatorToken == null || operatorToken.isEmpty() ? "none" : "***") + "]";
    }
}
