package dev.anonbroker.token;

import dev.anonbroker.credential.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param keyThumbprint {@code cnf.jkt}, when the token is bound to a DPoP key
 */
public record VerifiedBrokerToken(String subject, String sessionId, String jti, String audience, Instant issuedAt,
                                  Instant expiresAt, Instant authTime, String clientId, @Nullable String origin,
                                  @Nullable String keyThumbprint) {

    /** A bearer token's claims. */
    public VerifiedBrokerToken(String subject, String sessionId, String jti, String audience, Instant issuedAt,
                               Instant expiresAt, Instant authTime, String clientId, @Nullable String origin) {
        this(subject, sessionId, jti, audience, issuedAt, expiresAt, authTime, clientId, origin, null);
    }

    /**
     * The token's holder as micronaut-security sees it: name {@code sub}, role {@link Roles#SESSION_HOLDER}, the
     * claims as attributes under their JWT names, times in seconds since the epoch (RFC 7519 section 2).
     */
    public Authentication authentication() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("sid", sessionId);
        claims.put("jti", jti);
        claims.put("aud", audience);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("auth_time", authTime.getEpochSecond());
        claims.put("client_id", clientId);
        if (origin != null) {
            claims.put("origin", origin);
        }
        if (keyThumbprint != null) {
            claims.put("cnf", Map.of("jkt", keyThumbprint));
        }
        return Authentication.build(subject, List.of(Roles.SESSION_HOLDER), claims);
    }

    /** The claims of a holder's {@link #authentication()}. */
    public static VerifiedBrokerToken of(Authentication holder) {
        Map<String, Object> claims = holder.getAttributes();
        return new VerifiedBrokerToken(text(claims, "sub"), text(claims, "sid"), text(claims, "jti"),
                text(claims, "aud"), time(claims, "iat"), time(claims, "exp"), time(claims, "auth_time"),
                text(claims, "client_id"), (String) claims.get("origin"), keyThumbprint(claims.get("cnf")));
    }

    private static String keyThumbprint(Object confirmation) {
        return confirmation instanceof Map<?, ?> cnf && cnf.get("jkt") instanceof String jkt ? jkt : null;
    }

    private static String text(Map<String, Object> claims, String name) {
        return (String) claims.get(name);
    }

    private static Instant time(Map<String, Object> claims, String name) {
        return Instant.ofEpochSecond(((Number) claims.get(name)).longValue());
    }
}
