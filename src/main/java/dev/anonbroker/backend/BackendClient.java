package dev.anonbroker.backend;

import dev.anonbroker.credential.Roles;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;

import java.util.List;
import java.util.Map;

/**
 * A backend that proved its identity with its client secret.
 *
 * @param id        {@code broker.backend-clients.<id>}
 * @param audiences the audiences it may see; empty means all
 */
record BackendClient(String id, List<String> audiences) {

    private static final String AUDIENCES = "audiences";

    /** The client as micronaut-security sees it: name {@code id}, role {@link Roles#BACKEND_CLIENT}, its audiences. */
    AuthenticationResponse authenticated() {
        return AuthenticationResponse.success(id, List.of(Roles.BACKEND_CLIENT), Map.of(AUDIENCES, audiences));
    }

    /** The client of an {@link #authenticated()} response. */
    static BackendClient of(Authentication client) {
        List<?> audiences = (List<?>) client.getAttributes().getOrDefault(AUDIENCES, List.of());
        return new BackendClient(client.getName(), audiences.stream().map(String::valueOf).toList());
    }

    /** Whether this client may see (introspect as active, revoke) a token for {@code audience}. */
    boolean maySee(String audience) {
        return audiences.isEmpty() || audiences.contains(audience);
    }
}
