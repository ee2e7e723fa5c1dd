package dev.anonbroker.shared;

import dev.anonbroker.cleanup.DeletionLedger;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@link DeletionLedger} in Redis: one sorted set, {@code <prefix>:deletions}, whose members are the jobs and
 * whose scores are the Redis-clock milliseconds at which each falls due. Scores are computed in Lua from Redis's
 * {@code TIME}, so instances with skewed clocks agree on what is due. One key, so it works on a single Redis node or in
 * one slot of a cluster.
 */
@Singleton
@Requires(property = SharedStateConfiguration.REDIS_URI)
final class RedisDeletionLedger implements DeletionLedger {

    static final String STRUCTURE = "deletions";
    private static final int ENTRIES_PER_CALL = 500;

    private static final String NOW = """
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            """;
    private static final String HOLD = NOW + """
            local due = string.format('%.0f', now + tonumber(ARGV[1]))
            local arguments = {}
            for i = 2, #ARGV do
                arguments[#arguments + 1] = due
                arguments[#arguments + 1] = ARGV[i]
            end
            return redis.call('ZADD', KEYS[1], 'GT', unpack(arguments))
            """;
    private static final String CLAIM = NOW + """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now),
                'LIMIT', 0, tonumber(ARGV[2]))
            local again = string.format('%.0f', now + tonumber(ARGV[1]))
            for _, entry in ipairs(due) do
                redis.call('ZADD', KEYS[1], 'XX', again, entry)
            end
            return due
            """;

    private final SharedRedis redis;
    private final String[] key;

    RedisDeletionLedger(SharedRedis redis) {
        this.redis = redis;
        this.key = new String[] {redis.keyPrefix() + ":" + STRUCTURE};
    }

    @Override
    public void hold(Collection<String> entries, Duration dueIn) {
        for (List<String> chunk : chunks(entries)) {
            String[] arguments = new String[chunk.size() + 1];
            arguments[0] = Long.toString(dueIn.toMillis());
            for (int i = 0; i < chunk.size(); i++) {
                arguments[i + 1] = chunk.get(i);
            }
            redis.call(STRUCTURE, commands -> commands.eval(HOLD, ScriptOutputType.INTEGER, key, arguments));
        }
    }

    @Override
    public void release(Collection<String> entries) {
        for (List<String> chunk : chunks(entries)) {
            redis.call(STRUCTURE, commands -> commands.zrem(key[0], chunk.toArray(String[]::new)));
        }
    }

    @Override
    public List<String> claimDue(int max, Duration lease) {
        List<String> claimed = redis.call(STRUCTURE, commands -> commands.eval(CLAIM, ScriptOutputType.MULTI, key,
                Long.toString(lease.toMillis()), Integer.toString(max)));
        return claimed == null ? List.of() : claimed;
    }

    @Override
    public void handOver(Collection<String> entries) {
        for (List<String> chunk : chunks(entries)) {
            Object[] dueAtOnce = new Object[chunk.size() * 2];
            for (int i = 0; i < chunk.size(); i++) {
                dueAtOnce[2 * i] = 0.0;
                dueAtOnce[2 * i + 1] = chunk.get(i);
            }
            redis.call(STRUCTURE, commands -> commands.zadd(key[0], ZAddArgs.Builder.xx(), dueAtOnce));
        }
    }

    private static List<List<String>> chunks(Collection<String> entries) {
        List<String> all = List.copyOf(entries);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ENTRIES_PER_CALL) {
            chunks.add(all.subList(from, Math.min(all.size(), from + ENTRIES_PER_CALL)));
        }
        return chunks;
    }
}
