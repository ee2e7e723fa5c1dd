package dev.anonbroker.backend;

import java.util.List;

/**
 * A backend that proved its identity with its client secret.
 *
 * @param id        {@code broker.backend-clients.<id>}
 * @param audiences the audiences it may see; empty means all
 */
record BackendClient(String id, List<String> audiences) {

    /** Whether this client may see (introspect as active, revoke) a token for {@code audience}. */
    boolean maySee(String audience) {
        return audiences.isEmpty() || audiences.contains(audience);
    }
}
