package dev.anonbroker.credential;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the credentials of an {@code Authorization} header for one scheme (RFC 9110 section 11.6.2): the scheme
 * name is matched case-insensitively and must be followed by a space. Every endpoint that takes a bearer token or
 * HTTP Basic credentials reads them here.
 */
public final class AuthorizationHeader {

    private AuthorizationHeader() {
    }

    /**
     * The credentials after {@code <scheme> }, stripped; empty when the header is missing, uses another scheme, or
     * carries nothing after the scheme.
     */
    public static Optional<String> credentials(@Nullable String header, String scheme) {
        String prefix = scheme.toLowerCase(Locale.ROOT) + " ";
        if (header == null || header.length() <= prefix.length()
                || !header.substring(0, prefix.length()).toLowerCase(Locale.ROOT).equals(prefix)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(prefix.length()).strip());
    }
}
