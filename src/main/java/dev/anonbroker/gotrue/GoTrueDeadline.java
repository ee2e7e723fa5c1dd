package dev.anonbroker.gotrue;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * One time budget ({@code broker.gotrue.request-deadline}) for all GoTrue calls of one request path: a mint or an
 * exchange opens it, and each call on that thread gets only the time left as its timeout, so a request answers 503
 * within the deadline however many calls it makes. Calls on threads without an open deadline (deletions, the sweep,
 * health checks) keep only their read timeout.
 *
 * <p>Held per thread: the request path calls GoTrue synchronously on its blocking thread. Measured with
 * {@link System#nanoTime()}, a monotonic timer, because it bounds a wait rather than telling the time.
 */
@Singleton
public final class GoTrueDeadline {

    private static final ThreadLocal<Long> EXPIRES_AT = new ThreadLocal<>();

    private final Duration budget;

    GoTrueDeadline(GoTrueConfiguration configuration) {
        this.budget = configuration.requestDeadline();
    }

    /** Opens the deadline for this thread; a deadline already open stays in force (the outer request owns it). */
    public Scope open() {
        if (EXPIRES_AT.get() != null) {
            return () -> { };
        }
        EXPIRES_AT.set(System.nanoTime() + budget.toNanos());
        return EXPIRES_AT::remove;
    }

    /** Time left on this thread's deadline; empty when none is open. Zero or negative once exceeded. */
    Optional<Duration> remaining() {
        Long expiresAt = EXPIRES_AT.get();
        return expiresAt == null ? Optional.empty() : Optional.of(Duration.ofNanos(expiresAt - System.nanoTime()));
    }

    Duration budget() {
        return budget;
    }

    /** An open deadline; closing it ends it. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
