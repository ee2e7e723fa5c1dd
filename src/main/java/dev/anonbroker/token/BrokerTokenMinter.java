package dev.anonbroker.token;

import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.config.BrokerIssuer;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Mints broker tokens: JWT access tokens in the shape of RFC 9068, signed through micronaut-security-jwt's
 * {@link JwtTokenGenerator} with {@link BrokerSignatureGeneratorConfiguration}.
 *
 * <p>{@code exp} is {@code iat + broker.token-ttl}, but never later than the session's start plus
 * {@code broker.max-session-age}. The session start travels in {@code auth_time} (RFC 9068 section 2.2.1), so a
 * refresh can enforce the maximum age without state.
 */
@Singleton
public final class BrokerTokenMinter {

    private final JwtTokenGenerator generator;
    private final BrokerConfiguration configuration;
    private final BrokerIssuer issuer;
    private final Clock clock;

    BrokerTokenMinter(JwtTokenGenerator generator, BrokerConfiguration configuration, BrokerIssuer issuer,
                      Clock clock) {
        if (!(generator.getSignatureConfiguration() instanceof BrokerSignatureGeneratorConfiguration)) {
            // JwtTokenGenerator falls back to unsigned (alg none) tokens without a "generator" signature.
            throw new ConfigurationException("Broker tokens must be signed by the broker's keys, but the signature "
                    + "named 'generator' is " + generator.getSignatureConfiguration());
        }
        this.generator = generator;
        this.configuration = configuration;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * @throws SessionExpiredException when the session is already older than {@code broker.max-session-age}
     * @throws IllegalArgumentException for an audience outside {@code broker.audiences}
     */
    public MintedToken mint(MintRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = expiry(request, now);
        String audience = audience(request);
        String jti = UUID.randomUUID().toString();
        String token = generator.generateToken(claims(request, audience, jti, now, expiresAt))
                .orElseThrow(() -> new IllegalStateException("signing the broker token failed, see the log"));
        return new MintedToken(token, jti, expiresAt, Duration.between(now, expiresAt).toSeconds());
    }

    private Instant expiry(MintRequest request, Instant now) {
        Instant sessionEnd = request.sessionStartedAt().plus(configuration.maxSessionAge())
                .truncatedTo(ChronoUnit.SECONDS);
        if (!now.isBefore(sessionEnd)) {
            throw new SessionExpiredException(request.sessionId());
        }
        Instant byTtl = now.plus(configuration.tokenTtl());
        return byTtl.isBefore(sessionEnd) ? byTtl : sessionEnd;
    }

    private String audience(MintRequest request) {
        return configuration.audienceFor(request.audience()).orElseThrow(() ->
                new IllegalArgumentException("audience " + request.audience() + " is not in broker.audiences"));
    }

    private Map<String, Object> claims(MintRequest request, String audience, String jti, Instant now,
                                       Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer.value());
        claims.put("sub", request.subject());
        claims.put("aud", audience);
        claims.put("sid", request.sessionId());
        claims.put("jti", jti);
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("auth_time", request.sessionStartedAt().getEpochSecond());
        claims.put("client_id", request.clientId());
        if (request.origin() != null) {
            claims.put("origin", request.origin());
        }
        if (request.keyThumbprint() != null) {
            claims.put("cnf", Map.of("jkt", request.keyThumbprint()));
        }
        return claims;
    }
}
