package dev.anonbroker.emulator;

import java.util.List;

/**
 * A GoTrue-compatible server (netlify/gotrue or supabase/auth, as chosen), in memory, on 127.0.0.1.
 * Faithful to gotrue-contract.md: same paths, status codes, error bodies, tokens, admin checks and limits.
 */
public final class GoTrueEmulator implements AutoCloseable {

    /** Starts an emulator; it serves until {@link #close()}. */
    public static GoTrueEmulator start(EmulatorOptions options) {
        throw new UnsupportedOperationException("not yet built");
    }

    /** e.g. {@code http://127.0.0.1:45123}, no trailing slash. */
    public String baseUrl() {
        throw new UnsupportedOperationException("not yet built");
    }

    public int port() {
        throw new UnsupportedOperationException("not yet built");
    }

    public EmulatorOptions options() {
        throw new UnsupportedOperationException("not yet built");
    }

    /**
     * Sets the fault rule for requests whose {@code "METHOD /path"} starts with {@code routePrefix}
     * (e.g. {@code "POST /token"}, {@code "DELETE /admin/users"}, or {@code "*"} for all). Replaces an earlier rule
     * for the same prefix; {@link FaultRule#NONE} removes it.
     */
    public void setFault(String routePrefix, FaultRule rule) {
        throw new UnsupportedOperationException("not yet built");
    }

    public void clearFaults() {
        throw new UnsupportedOperationException("not yet built");
    }

    /** A snapshot of every stored user, all audiences, for test assertions. */
    public List<EmulatedUser> users() {
        throw new UnsupportedOperationException("not yet built");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet built");
    }
}
