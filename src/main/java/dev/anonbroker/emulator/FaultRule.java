package dev.anonbroker.emulator;

import java.time.Duration;

/**
 * Misbehaviour injected into matching requests, for reliability tests and benchmarks. Shares are in [0, 1] and are
 * drawn independently per request in this order: drop, 429, 5xx; the latency applies to every matching request.
 *
 * @param latency          delay before answering
 * @param dropShare        share of requests whose connection is closed without an answer
 * @param rateLimitShare   share answered 429 with the flavor's rate-limit body
 * @param serverErrorShare share answered 500 with the flavor's error body
 * @param retryAfter       when not null, 429 answers carry {@code Retry-After} in whole seconds (GoTrue itself sends none)
 */
public record FaultRule(Duration latency, double dropShare, double rateLimitShare, double serverErrorShare, Duration retryAfter) {

    public static final FaultRule NONE = new FaultRule(Duration.ZERO, 0, 0, 0, null);

    public static FaultRule latency(Duration value) {
        return new FaultRule(value, 0, 0, 0, null);
    }

    public static FaultRule serverErrors(double share) {
        return new FaultRule(Duration.ZERO, 0, 0, share, null);
    }

    public static FaultRule rateLimited(double share, Duration retryAfter) {
        return new FaultRule(Duration.ZERO, 0, share, 0, retryAfter);
    }

    public static FaultRule dropped(double share) {
        return new FaultRule(Duration.ZERO, share, 0, 0, null);
    }
}
