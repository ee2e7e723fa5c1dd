package dev.anonbroker.shared;

import dev.anonbroker.sweep.SweepLease;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@link SweepLease} in Redis: {@code SET <prefix>:sweep-lease <holder> NX PX <ms>}, where the holder is a
 * random value of this take. While held it is renewed every third of its duration, and given up when the run ends;
 * renewing and giving up act only if the key still names this holder (a Lua compare-and-set), so a holder whose
 * lease expired never ends another's.
 */
@Singleton
@Requires(property = SharedStateConfiguration.REDIS_URI)
final class RedisSweepLease implements SweepLease {

    static final String STRUCTURE = "sweep-lease";
    private static final Logger LOG = LoggerFactory.getLogger(RedisSweepLease.class);

    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
                return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """;
    private static final String GIVE_UP = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
                return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final SharedRedis redis;
    private final String[] key;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sweep-lease");
        thread.setDaemon(true);
        return thread;
    });

    RedisSweepLease(SharedRedis redis) {
        this.redis = redis;
        this.key = new String[] {redis.keyPrefix() + ":" + STRUCTURE};
    }

    @Override
    public Optional<Held> tryTake(Duration duration) {
        String holder = UUID.randomUUID().toString();
        String reply = redis.call(STRUCTURE,
                commands -> commands.set(key[0], holder, SetArgs.Builder.nx().px(duration.toMillis())));
        if (!"OK".equals(reply)) {
            return Optional.empty();
        }
        long every = Math.max(1, duration.toMillis() / 3);
        ScheduledFuture<?> renewing = renewals.scheduleWithFixedDelay(() -> renew(holder, duration), every, every,
                TimeUnit.MILLISECONDS);
        return Optional.of(() -> {
            renewing.cancel(false);
            redis.callQuietly(STRUCTURE, commands -> commands.eval(GIVE_UP, ScriptOutputType.INTEGER, key, holder));
        });
    }

    private void renew(String holder, Duration duration) {
        try {
            Long renewed = redis.call(STRUCTURE, commands -> commands.eval(RENEW, ScriptOutputType.INTEGER, key, holder,
                    Long.toString(duration.toMillis())));
            if (renewed == null || renewed == 0) {
                LOG.warn("The sweep lease expired while this instance was sweeping; another instance may sweep too "
                        + "(deletes are idempotent)");
            }
        } catch (RuntimeException failure) {
            LOG.debug("The sweep lease was not renewed ({})", failure.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void close() {
        renewals.shutdownNow();
    }
}
