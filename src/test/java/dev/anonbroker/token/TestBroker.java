package dev.anonbroker.token;

import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.config.BrokerIssuer;
import dev.anonbroker.keys.JwkSetParser;
import dev.anonbroker.keys.SigningConfiguration;
import dev.anonbroker.keys.SigningKeySource;
import dev.anonbroker.keys.SigningKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Minter and verifier wired by hand around a JWK set, for unit tests with a fixed clock. Lives beside the tests (not in
 * support/) because the constructors are package-private.
 */
final class TestBroker {

    static final String ISSUER = "https://broker.test/auth";

    private TestBroker() {
    }

    static BrokerConfiguration configuration(String issuer, List<String> audiences) {
        return new BrokerConfiguration(issuer, audiences, Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofSeconds(30));
    }

    static BrokerConfiguration configuration() {
        return configuration(ISSUER, List.of("backend", "reports"));
    }

    static SigningKeySource keys(String jwks) {
        SigningKeys keys = JwkSetParser.parse(jwks, SigningConfiguration.JWKS);
        return () -> keys;
    }

    static BrokerIssuer issuer(BrokerConfiguration configuration) {
        return new BrokerIssuer(configuration, () -> {
            throw new AssertionError("the issuer is configured; the server must not be asked");
        });
    }

    static BrokerTokenMinter minter(String jwks, BrokerConfiguration configuration, Clock clock) {
        JwtTokenGenerator generator = new JwtTokenGenerator(
                new BrokerSignatureGeneratorConfiguration(keys(jwks)), null, null);
        return new BrokerTokenMinter(generator, configuration, issuer(configuration), clock);
    }

    static BrokerTokenVerifier verifier(String jwks, BrokerConfiguration configuration, Clock clock) {
        return verifier(keys(jwks), configuration, clock, 1000);
    }

    static BrokerTokenVerifier verifier(SigningKeySource keys, BrokerConfiguration configuration, Clock clock,
                                        int cachedTokens) {
        return verifier(keys, configuration, clock, cachedTokens, new SimpleMeterRegistry());
    }

    static BrokerTokenVerifier verifier(SigningKeySource keys, BrokerConfiguration configuration, Clock clock,
                                        int cachedTokens, MeterRegistry registry) {
        VerifiedTokenCache cache = new VerifiedTokenCache(new VerificationCacheConfiguration(cachedTokens),
                configuration, clock, registry);
        return new BrokerTokenVerifier(keys, configuration, issuer(configuration), clock, cache);
    }
}
