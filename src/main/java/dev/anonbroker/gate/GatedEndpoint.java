package dev.anonbroker.gate;

/**
 * The endpoints the gates stand in front of. {@link #mints()} are those that start a session (and cost GoTrue a
 * user); refresh only continues one.
 */
public enum GatedEndpoint {
    ANON_SESSION("anon-session"),
    EXCHANGE("exchange"),
    REFRESH("refresh");

    private final String label;

    GatedEndpoint(String label) {
        this.label = label;
    }

    /** The endpoint's name in settings, metrics and problem details. */
    public String label() {
        return label;
    }

    public boolean mints() {
        return this != REFRESH;
    }
}
