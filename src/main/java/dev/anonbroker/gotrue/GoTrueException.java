package dev.anonbroker.gotrue;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed call to GoTrue, in the broker's terms. The message names the operation and GoTrue's error code,
 * never a token, password or GoTrue's raw body, so it is safe to log; it must still never reach a response.
 */
public class GoTrueException extends RuntimeException {

    /** What kind of failure this was, so callers can decide between retry, 503 and refusal. */
    public enum Kind {
        /** Connection refused, reset or dropped before an answer. */
        UNREACHABLE,
        /** No answer within the read or connect timeout. */
        TIMEOUT,
        /** GoTrue answered 429. */
        RATE_LIMITED,
        /** GoTrue answered another 4xx: the request was refused. */
        REJECTED,
        /** GoTrue answered 5xx. */
        SERVER_ERROR,
        /** Not sent: the circuit breaker is open after sustained failures; {@link #retryAfter()} says for how long. */
        CIRCUIT_OPEN
    }

    private final Kind kind;
    private final int status;
    private final String errorCode;
    private final transient Duration retryAfter;

    public GoTrueException(Kind kind, String operation, int status, String errorCode, Duration retryAfter, Throwable cause) {
        super(describe(kind, operation, status, errorCode), cause);
        this.kind = kind;
        this.status = status;
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    private static String describe(Kind kind, String operation, int status, String errorCode) {
        StringBuilder text = new StringBuilder("GoTrue ").append(operation).append(" failed: ").append(kind);
        if (status > 0) {
            text.append(" (HTTP ").append(status).append(')');
        }
        if (errorCode != null && !errorCode.isEmpty()) {
            text.append(" code=").append(errorCode);
        }
        return text.toString();
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /**
     * GoTrue's machine error code: supabase {@code x-sb-error-code} or {@code error_code}, netlify's OAuth
     * {@code error}; null when none was sent.
     */
    public String errorCode() {
        return errorCode;
    }

    /** The {@code Retry-After} GoTrue sent, if any (GoTrue itself sends none; proxies may). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether trying again later may succeed: no answer, 429 or 5xx. */
    public boolean isTransient() {
        return kind != Kind.REJECTED;
    }
}
