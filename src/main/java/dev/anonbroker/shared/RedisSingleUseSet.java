package dev.anonbroker.shared;

import dev.anonbroker.gate.SingleUseSet;
import io.lettuce.core.SetArgs;

import java.time.Clock;
import java.time.Instant;

/**
 * A {@link SingleUseSet} in Redis: a value is used by {@code SET <prefix>:<name>:<digest> 1 NX PX <ms until
 * forgettable>}, where the digest is the base64url SHA-256 of the value (tokens are secrets: they never become keys).
 * {@code NX} makes the first use atomic across every instance on the same Redis. Never {@link Outcome#FULL}: Redis's
 * memory bounds it (run Redis with {@code maxmemory-policy noeviction}, so that a full Redis refuses writes instead
 * of evicting remembered values).
 */
final class RedisSingleUseSet implements SingleUseSet {

    private final SharedRedis redis;
    private final String name;
    private final String keyPrefix;
    private final Clock clock;

    RedisSingleUseSet(SharedRedis redis, String name, Clock clock) {
        this.redis = redis;
        this.name = name;
        this.keyPrefix = redis.keyPrefix() + ":" + name + ":";
        this.clock = clock;
    }

    @Override
    public Outcome use(String value, Instant forgettableAt) {
        long milliseconds = RedisKeys.millisecondsUntil(clock, forgettableAt);
        if (milliseconds == 0) {
            return Outcome.FIRST_USE;
        }
        SetArgs onceWithExpiry = SetArgs.Builder.nx().px(milliseconds);
        String reply = redis.call(name, commands -> commands.set(key(value), "1", onceWithExpiry));
        return "OK".equals(reply) ? Outcome.FIRST_USE : Outcome.REPLAYED;
    }

    @Override
    public void forget(String value) {
        redis.callQuietly(name, commands -> commands.del(key(value)));
    }

    private String key(String value) {
        return keyPrefix + RedisKeys.digest(value);
    }
}
