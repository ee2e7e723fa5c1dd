package dev.anonbroker.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.credential.SecretDigest;
import dev.anonbroker.keys.SigningKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Broker tokens whose signature and claims were verified, keyed by the SHA-256 of the token's exact spelling, each
 * until its {@code exp} plus {@code broker.clock-skew}: a backend introspects the same token on every call it
 * serves, and checking an ES256 signature costs far more than the rest of an introspection. A hit still checks the
 * expiry against the clock, and counts only under the key set that verified it. Revocation is not cached: callers
 * check it on every use. Bounded by {@code broker.verification-cache.max-tokens} (least useful entries go first;
 * forgetting one only costs a verification).
 */
@Singleton
final class VerifiedTokenCache {

    private final Cache<ByteBuffer, Entry> verified;
    private final Clock clock;
    private final Duration skew;
    private final boolean enabled;

    /** A verified token and the key set that verified it. */
    private record Entry(VerifiedBrokerToken token, SigningKeys keys) {
    }

    VerifiedTokenCache(VerificationCacheConfiguration configuration, BrokerConfiguration broker, Clock clock,
                       MeterRegistry registry) {
        this.clock = clock;
        this.skew = broker.clockSkew();
        this.enabled = configuration.maxTokens() > 0;
        this.verified = Caffeine.newBuilder()
                .maximumSize(configuration.maxTokens())
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(Expiry.writing((ByteBuffer key, Entry entry) -> untilForgettable(entry)))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, verified, "broker.verification-cache");
    }

    /** The digest a token is remembered under; null when the cache is off. */
    @Nullable
    ByteBuffer keyOf(String token) {
        return enabled ? ByteBuffer.wrap(SecretDigest.of(token)) : null;
    }

    /** The token verified earlier under {@code keys}, still unexpired; null otherwise. */
    @Nullable
    VerifiedBrokerToken get(@Nullable ByteBuffer key, SigningKeys keys) {
        Entry entry = key == null ? null : verified.getIfPresent(key);
        if (entry == null || entry.keys() != keys || !clock.instant().isBefore(entry.token().expiresAt().plus(skew))) {
            return null;
        }
        return entry.token();
    }

    void put(@Nullable ByteBuffer key, VerifiedBrokerToken token, SigningKeys keys) {
        if (key != null) {
            verified.put(key, new Entry(token, keys));
        }
    }

    private Duration untilForgettable(Entry entry) {
        Duration left = Duration.between(clock.instant(), entry.token().expiresAt().plus(skew));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
