package dev.anonbroker.gate.ratelimit;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configured limit: {@code capacity} requests at once, refilled evenly over {@code period}, written
 * {@code N/duration} ({@code 30/10m}, {@code 20/1s}, {@code 5/PT1H}) or {@code off}.
 *
 * <p>The bounds keep Bucket4j's arithmetic far from overflow and catch typos such as {@code 30/10} (no unit): a
 * duration needs a unit or the ISO-8601 form, and lies between one millisecond and seven days.
 *
 * @param capacity how many requests a full bucket admits in a row
 * @param period   how long an empty bucket takes to be full again
 */
record Limit(long capacity, Duration period) {

    static final String OFF = "off";
    static final long MAX_CAPACITY = 1_000_000_000L;
    static final Duration MIN_PERIOD = Duration.ofMillis(1);
    static final Duration MAX_PERIOD = Duration.ofDays(7);

    private static final Pattern SHAPE = Pattern.compile("(\\d{1,10})\\s*/\\s*(\\S+)");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    /**
     * @param property the full property name, for the error
     * @return empty for {@code off}
     * @throws IllegalArgumentException naming {@code property} when {@code value} is no limit
     */
    static Optional<Limit> parse(String property, String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (OFF.equals(text)) {
            return Optional.empty();
        }
        Matcher shape = SHAPE.matcher(text);
        if (!shape.matches()) {
            throw invalid(property, value, "write N/duration or off");
        }
        long capacity = Long.parseLong(shape.group(1));
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw invalid(property, value, "N must be between 1 and " + MAX_CAPACITY);
        }
        Duration period = duration(shape.group(2))
                .orElseThrow(() -> invalid(property, value, "the duration needs a unit (ms, s, m, h, d) or ISO-8601 (PT10M)"));
        if (period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
            throw invalid(property, value, "the duration must be between 1ms and 7d");
        }
        return Optional.of(new Limit(capacity, period));
    }

    /** The period in whole seconds, rounded up, as the {@code w} of {@code RateLimit-Policy}. */
    long periodSeconds() {
        return Math.max(1, (period.toNanos() + 999_999_999L) / 1_000_000_000L);
    }

    /** {@code 30 per 10m}, for problem details. */
    String describe() {
        return capacity + " per " + period.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static Optional<Duration> duration(String text) {
        Matcher simple = SHORT_DURATION.matcher(text);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return Optional.of(switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(Math.min(amount, MAX_PERIOD.toDays() + 1));
            });
        }
        try {
            return text.startsWith("p") ? Optional.of(Duration.parse(text)) : Optional.empty();
        } catch (DateTimeParseException | ArithmeticException notIso) {
            return Optional.empty();
        }
    }

    private static IllegalArgumentException invalid(String property, String value, String hint) {
        return new IllegalArgumentException(property + ": '" + value + "' is not a rate limit; " + hint
                + " (e.g. 30/10m, 20/1s, 5/PT1H, or off)");
    }
}
