package dev.anonbroker.gotrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The time one server request spent waiting for GoTrue, summed over its calls, so that the broker's own share of a
 * request (its overhead) can be told apart. A request that wants it counted is {@linkplain #track tracked}; each
 * GoTrue call made while serving it (Micronaut propagates the request to the blocking thread) adds its duration.
 * Calls outside any request (deletions, the sweep, health checks) count nowhere.
 */
public final class GoTrueTime {

    private static final String ATTRIBUTE = GoTrueTime.class.getName();

    private GoTrueTime() {
    }

    /** Starts counting GoTrue time for {@code request}. */
    public static void track(HttpRequest<?> request) {
        request.setAttribute(ATTRIBUTE, new AtomicLong());
    }

    /** The GoTrue time counted for {@code request} so far, in nanoseconds; 0 when it is not tracked. */
    public static long nanos(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, AtomicLong.class).map(AtomicLong::get).orElse(0L);
    }

    static void add(long nanos) {
        ServerRequestContext.currentRequest()
                .flatMap(request -> request.getAttribute(ATTRIBUTE, AtomicLong.class))
                .ifPresent(total -> total.addAndGet(nanos));
    }
}
