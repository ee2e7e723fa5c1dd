package dev.anonbroker.gotrue;

/**
 * Marks the GoTrue calls of this thread as the warm pool's refills ({@link GoTruePurpose#REFILL}): own circuit
 * breaker, the visitors' connections. Held per thread, like {@link GoTrueDeadline}: a refill calls GoTrue
 * synchronously on its worker thread.
 */
public final class GoTrueRefillCalls {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private GoTrueRefillCalls() {
    }

    /** From now until the scope closes, this thread's GoTrue calls are refills. */
    public static GoTrueDeadline.Scope open() {
        ACTIVE.set(Boolean.TRUE);
        return ACTIVE::remove;
    }

    static boolean active() {
        return ACTIVE.get() != null;
    }
}
