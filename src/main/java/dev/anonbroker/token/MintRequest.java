package dev.anonbroker.token;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * What a broker token is minted for.
 *
 * @param subject          {@code sub}: the throwaway user's GoTrue id
 * @param sessionId        {@code sid}: the session, the same across refreshes
 * @param sessionStartedAt when the session started; becomes {@code auth_time} and bounds {@code exp}
 * @param audience         {@code aud}; null means the first of {@code broker.audiences}
 * @param clientId         {@code client_id}
 * @param origin           {@code origin}, only when the request's origin was verified
 * @param keyThumbprint    {@code cnf.jkt} (RFC 9449 section 6.1): the thumbprint of the DPoP key the token is bound
 *                         to, or null for a bearer token
 */
public record MintRequest(String subject, String sessionId, Instant sessionStartedAt, @Nullable String audience,
                          String clientId, @Nullable String origin, @Nullable String keyThumbprint) {

    public MintRequest {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(sessionStartedAt, "sessionStartedAt");
        Objects.requireNonNull(clientId, "clientId");
    }

    /** A bearer token's request. */
    public MintRequest(String subject, String sessionId, Instant sessionStartedAt, @Nullable String audience,
                       String clientId, @Nullable String origin) {
        this(subject, sessionId, sessionStartedAt, audience, clientId, origin, null);
    }
}
