package dev.anonbroker.emulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** RFC 3339 times as GoTrue writes them (microsecond precision, UTC). */
final class Times {

    private Times() {
    }

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** Go's {@code time.Duration.String()} for whole seconds, e.g. {@code 1h2m3s}, {@code 2m0s}, {@code 5s}. */
    static String goDuration(long seconds) {
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long secs = seconds % 60;
        if (hours > 0) {
            return hours + "h" + minutes + "m" + secs + "s";
        }
        return minutes > 0 ? minutes + "m" + secs + "s" : secs + "s";
    }

    private static final java.util.regex.Pattern GO_DURATION_PART =
            java.util.regex.Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|ms|s|m|h)");

    /** Go's {@code time.ParseDuration} for the usual forms ({@code 24h}, {@code 1h30m}, {@code 1.5s}, {@code -2m}). */
    static java.time.Duration parseGoDuration(String text) {
        String body = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        java.util.regex.Matcher matcher = GO_DURATION_PART.matcher(body);
        double nanos = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            nanos += Double.parseDouble(matcher.group(1)) * unitNanos(matcher.group(2));
            end = matcher.end();
        }
        if (body.isEmpty() || end != body.length()) {
            if ("0".equals(body)) {
                return java.time.Duration.ZERO;
            }
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        java.time.Duration duration = java.time.Duration.ofNanos((long) nanos);
        return text.startsWith("-") ? duration.negated() : duration;
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "\u00b5s" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
    }
}
