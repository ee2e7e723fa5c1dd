package dev.anonbroker.credential;

/**
 * The roles of the broker's callers, as micronaut-security {@code Authentication} roles and {@code @Secured} values.
 * Each comes from one credential: the route's {@code @Secured} roles decide which credentials it accepts and how
 * {@link Refusals} words a refusal.
 */
public final class Roles {

    /** A backend client authenticated by HTTP Basic ({@code client_secret_basic}, {@code broker.backend-clients}). */
    public static final String BACKEND_CLIENT = "BACKEND_CLIENT";
    /** The holder of a valid broker token ({@code Authorization: Bearer}), i.e. of its session. */
    public static final String SESSION_HOLDER = "SESSION_HOLDER";
    /** The operator, by {@code Authorization: Bearer <broker.sweep.operator-token>}. */
    public static final String OPERATOR = "OPERATOR";

    private Roles() {
    }
}
