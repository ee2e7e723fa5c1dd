package dev.anonbroker.gotrue;

import io.micronaut.http.HttpHeaders;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the response headers the client relies on: {@code X-Total-Count} and {@code Link} of {@code GET /admin/users}
 * (src/main/docs/guide/gotrue-compatibility.md section 2.9), {@code x-sb-error-code}, and {@code Retry-After}.
 */
final class GoTrueHeaders {

    static final String ERROR_CODE = "x-sb-error-code";
    static final String TOTAL_COUNT = "X-Total-Count";

    private GoTrueHeaders() {
    }

    static long totalCount(HttpHeaders headers) {
        String value = headers.get(TOTAL_COUNT);
        try {
            return value == null ? 0 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether {@code Link} (RFC 8288) has an entry with {@code rel="next"}. Its URL is not followed: GoTrue builds
     * it from the path it saw, without any proxy prefix.
     */
    static boolean hasNext(HttpHeaders headers) {
        for (String link : headers.getAll(HttpHeaders.LINK)) {
            for (String entry : link.split(",\\s*(?=<)")) {
                if (entry.matches("(?s).*;\\s*rel\\s*=\\s*\"?next\"?\\s*(;.*)?")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code Retry-After} as delay-seconds or HTTP-date (RFC 9110 section 10.2.3); null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Duration delay = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return delay.isNegative() ? Duration.ZERO : delay;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
