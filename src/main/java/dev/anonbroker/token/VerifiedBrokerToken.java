package dev.anonbroker.token;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * The claims of a broker token whose signature, type, issuer, audience and lifetime have been checked.
 *
 * @param subject   {@code sub}
 * @param sessionId {@code sid}
 * @param jti       {@code jti}
 * @param audience  {@code aud} (a single value, one of {@code broker.audiences})
 * @param issuedAt  {@code iat}
 * @param expiresAt {@code exp}
 * @param authTime  {@code auth_time}: when the session started
 * @param clientId  {@code client_id}
 * @param origin    {@code origin}, when the token carries one
 */
public record VerifiedBrokerToken(String subject, String sessionId, String jti, String audience, Instant issuedAt,
                                  Instant expiresAt, Instant authTime, String clientId, @Nullable String origin) {
}
