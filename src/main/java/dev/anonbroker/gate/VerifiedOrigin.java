package dev.anonbroker.gate;

import io.micronaut.http.HttpRequest;

import java.util.Optional;

/**
 * The origin the gate checked against {@code broker.allowed-origins}, carried as a request attribute so that the
 * session endpoints can put it in the token's {@code origin} claim. Absent when any origin is allowed.
 */
public final class VerifiedOrigin {

    private static final String ATTRIBUTE = "anon-broker.verified-origin";

    private VerifiedOrigin() {
    }

    static void set(HttpRequest<?> request, String origin) {
        request.setAttribute(ATTRIBUTE, origin);
    }

    public static Optional<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }
}
