package dev.anonbroker.shared;

import dev.anonbroker.gate.ratelimit.ClockTime;
import dev.anonbroker.gate.ratelimit.SharedBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Rate-limit buckets in Redis, through Bucket4j's compare-and-swap proxy manager on Lettuce: a bucket is the key
 * {@code <prefix>:rl:<policy>:<digest>} (the base64url SHA-256 of the IP or network), read, updated in this JVM and
 * written back only if no other instance changed it meanwhile (else retried). A key expires once its bucket would be
 * full again, plus {@link #KEPT_AFTER_FULL}: a missing bucket is created full, so nothing is lost.
 *
 * <p>Unlike the single-use sets, a failure refuses nothing: the gate counts in its local buckets instead. An outage
 * is logged once when it starts and once when it ends; every failed call counts in
 * {@code broker_redis_failures_total{structure="rate-limit"}}.
 */
@Singleton
@Requires(property = SharedStateConfiguration.REDIS_URI)
final class RedisRateLimitBuckets implements SharedBuckets {

    static final String STRUCTURE = "rate-limit";
    static final Duration KEPT_AFTER_FULL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimitBuckets.class);

    private final RedisClient client;
    private final SharedStateConfiguration configuration;
    private final MeterRegistry registry;
    private final ClockTime time;
    private final String keyPrefix;
    private final AtomicBoolean answering = new AtomicBoolean(true);
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private final OpenedOnce<ProxyManager<String>> proxies;

    /** {@code redis} must exist first: it sets the client's options (reject while disconnected, timeouts). */
    RedisRateLimitBuckets(SharedRedis redis, RedisClient client, SharedStateConfiguration configuration,
                          MeterRegistry registry, Clock clock) {
        this.client = client;
        this.configuration = configuration;
        this.registry = registry;
        this.time = new ClockTime(clock);
        this.keyPrefix = redis.keyPrefix() + ":rl:";
        this.proxies = new OpenedOnce<>(this::connect, configuration.timeout());
    }

    /** Opens the connection before the server takes requests, for the reason {@link SharedRedis} gives. */
    @EventListener
    void openAtStartup(StartupEvent started) {
        try {
            proxies.get();
        } catch (RuntimeException failure) {
            LOG.warn("Redis does not answer at start-up ({}); rate limits count in this instance's own buckets "
                    + "until it does", RedisFailures.describe(failure));
            answering.set(false);
        }
    }

    @Override
    public <T> Optional<T> apply(String policy, String subject, BucketConfiguration bucketConfiguration,
                                 Function<Bucket, T> operation) {
        T result;
        try {
            result = operation.apply(proxies().getProxy(key(policy, subject), () -> bucketConfiguration));
        } catch (RuntimeException failure) {
            registry.counter("broker.redis.failures", "structure", STRUCTURE).increment();
            if (answering.compareAndSet(true, false)) {
                LOG.warn("Redis does not answer ({}); rate limits fall back to this instance's own buckets, "
                        + "so each instance admits the full limit, until it does", RedisFailures.describe(failure));
            }
            return Optional.empty();
        }
        if (answering.compareAndSet(false, true)) {
            LOG.info("Redis answers again; rate limits are shared again");
        }
        return Optional.of(result);
    }

    private String key(String policy, String subject) {
        return keyPrefix + policy + ":" + RedisKeys.digest(subject);
    }

    private ProxyManager<String> proxies() {
        return proxies.get();
    }

    private ProxyManager<String> connect() {
        StatefulRedisConnection<String, byte[]> open =
                client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        open.setTimeout(configuration.timeout());
        connection = open;
        return Bucket4jLettuce.casBasedBuilder(open)
                .clientClock(time)
                .requestTimeout(configuration.timeout())
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_AFTER_FULL))
                .build();
    }

    @PreDestroy
    void close() {
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open != null) {
            open.close();
        }
    }
}
