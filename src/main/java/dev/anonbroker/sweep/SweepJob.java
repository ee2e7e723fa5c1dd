package dev.anonbroker.sweep;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * The schedule of the orphan sweep: one run {@code broker.sweep.initial-delay} after start-up, so that users a
 * crashed broker left behind go quickly; then one run every {@code broker.sweep.interval} (a pause between the end
 * of a run and the start of the next), or on {@code broker.sweep.cron} when that is set. The placeholders' defaults
 * repeat {@link SweepConfiguration}'s.
 */
@Singleton
@Requires(property = SweepConfiguration.ENABLED, notEquals = "false")
final class SweepJob {

    private static final String INTERVAL = "${" + SweepConfiguration.PREFIX + ".interval:"
            + SweepConfiguration.DEFAULT_INTERVAL + "}";

    private final OrphanSweeper sweeper;

    SweepJob(OrphanSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Scheduled(initialDelay = "${" + SweepConfiguration.PREFIX + ".initial-delay:"
            + SweepConfiguration.DEFAULT_INITIAL_DELAY + "}")
    void afterStartup() {
        sweeper.sweep(SweepTrigger.STARTUP);
    }

    @Scheduled(cron = "${" + SweepConfiguration.PREFIX + ".cron:}", fixedDelay = INTERVAL, initialDelay = INTERVAL)
    void onSchedule() {
        sweeper.sweep(SweepTrigger.SCHEDULE);
    }
}
