package dev.anonbroker.shared;

import dev.anonbroker.backend.RevocationList;
import io.lettuce.core.ExpireArgs;
import io.lettuce.core.SetArgs;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * The {@link RevocationList} in Redis, shared by every instance: a revoked session is {@code SET
 * <prefix>:revoked:<sid digest> <revoker> PX <ms until keepUntil>}, and {@code isRevoked} is {@code EXISTS}. The key
 * is the base64url SHA-256 of the {@code sid} (a {@code sid} is not secret, but a digest keeps keys short and of one
 * shape whatever a caller sends). A later revocation of the same session keeps the longer expiry. Redis's memory bounds
 * the list, not {@code broker.revocation.*}. Any Redis failure refuses the request (503 {@code
 * shared-state-unavailable}): a read never answers "not revoked" for want of an answer.
 */
@Singleton
@Requires(property = SharedStateConfiguration.REDIS_URI)
final class RedisRevocationList implements RevocationList {

    static final String STRUCTURE = "revoked";
    private static final String REFUSAL = "The broker cannot reach its shared state store to learn whether the "
            + "session was revoked; try again shortly.";

    private final SharedRedis redis;
    private final Clock clock;
    private final String keyPrefix;

    RedisRevocationList(SharedRedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.keyPrefix = redis.keyPrefix() + ":" + STRUCTURE + ":";
    }

    @Override
    public boolean revoke(String sessionId, Instant keepUntil, Revoker revoker) {
        long milliseconds = RedisKeys.millisecondsUntil(clock, keepUntil);
        if (milliseconds == 0) {
            return true;
        }
        String key = key(sessionId);
        redis.call(STRUCTURE, REFUSAL, commands -> {
            String reply = commands.set(key, revoker.name(), SetArgs.Builder.nx().px(milliseconds));
            if (!"OK".equals(reply)) {
                commands.pexpire(key, milliseconds, ExpireArgs.Builder.gt());
            }
            return reply;
        });
        return true;
    }

    @Override
    public boolean isRevoked(String sessionId) {
        String key = key(sessionId);
        return redis.call(STRUCTURE, REFUSAL, commands -> commands.exists(key)) > 0;
    }

    @Override
    public CompletionStage<Boolean> isRevokedAsync(String sessionId) {
        String key = key(sessionId);
        return redis.callAsync(STRUCTURE, REFUSAL, commands -> commands.exists(key)).thenApply(found -> found > 0);
    }

    private String key(String sessionId) {
        return keyPrefix + RedisKeys.digest(sessionId);
    }
}
