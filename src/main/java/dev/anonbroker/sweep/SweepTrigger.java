package dev.anonbroker.sweep;

/** What started a sweep run. */
public enum SweepTrigger {
    /** The run soon after start-up ({@code broker.sweep.initial-delay}). */
    STARTUP,
    /** The interval or cron schedule. */
    SCHEDULE,
    /** {@code POST /sweep}. */
    OPERATOR
}
