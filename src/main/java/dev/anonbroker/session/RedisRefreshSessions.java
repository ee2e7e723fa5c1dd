package dev.anonbroker.session;

import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.session.RefreshSession.RefreshOutcome;
import dev.anonbroker.shared.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions in Redis, with {@code redis.uri}: one hash per session, {@code <prefix>:refresh:<name>} (the name is the
 * token's first 16 bytes, base64url), holding what the next broker token is minted from and the base64url SHA-256 of
 * the current refresh token, never the token; it expires ({@code PEXPIREAT}) at the session's start plus {@code
 * broker.max-session-age} plus {@code broker.clock-skew}. Rotation is one Lua script, so it is atomic across every
 * instance: the presented digest must be the current one; any other digest of the session (spent, or altered) marks
 * it {@code revoked}, which it stays until the hash expires, so a spent token presented again anywhere is reuse.
 * Redis's memory bounds the sessions, not {@code broker.refresh.max-sessions}. A Redis failure refuses the request
 * with 503 {@code shared-state-unavailable}.
 */
@Singleton
@Requires(property = "redis.uri")
final class RedisRefreshSessions implements RefreshSessionStore {

    static final String STRUCTURE = "refresh";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
    private static final String REFUSAL = "The broker cannot reach its shared state store, where refresh tokens are "
            + "kept; try again shortly.";

    private static final String OPEN = """
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('PEXPIREAT', KEYS[1], ARGV[1])
            return 'OK'
            """;

    /*
     * The digests compared here are SHA-256 of 48 random bytes: how long a comparison takes can tell an attacker
     * nothing about a token they could choose, so a plain comparison is safe.
     */
    private static final String ROTATE = """
            local current = redis.call('HGET', KEYS[1], 'digest')
            if not current then return 'UNKNOWN' end
            if redis.call('HEXISTS', KEYS[1], 'revoked') == 1 then return 'REVOKED' end
            if current ~= ARGV[1] then
              redis.call('HSET', KEYS[1], 'revoked', '1')
              return 'REUSED'
            end
            if ARGV[2] ~= '1' then return 'OTHER_ORIGIN' end
            redis.call('HSET', KEYS[1], 'digest', ARGV[3])
            return 'ROTATED'
            """;

    private final SharedRedis redis;
    private final Duration keepFor;
    private final String keyPrefix;

    RedisRefreshSessions(SharedRedis redis, BrokerConfiguration broker) {
        this.redis = redis;
        this.keepFor = broker.maxSessionAge().plus(broker.clockSkew());
        this.keyPrefix = redis.keyPrefix() + ":" + STRUCTURE + ":";
    }

    @Override
    public void ensureRoom() {
        // Room is bounded by Redis's memory: a full Redis (noeviction) refuses the write in open, with 503. What is
        // checked here is that Redis is connected at all, so that an outage refuses before a GoTrue user is made.
        redis.ensureConnected(STRUCTURE, REFUSAL);
    }

    @Override
    public void open(byte[] name, RefreshSession session) {
        long endMillis = (session.startedAtEpochSecond() * 1000) + keepFor.toMillis();
        String[] arguments = new String[session.origin() == null ? 13 : 15];
        int at = 0;
        arguments[at++] = Long.toString(endMillis);
        arguments[at++] = "sub";
        arguments[at++] = session.subject();
        arguments[at++] = "sid";
        arguments[at++] = session.sessionId();
        arguments[at++] = "start";
        arguments[at++] = Long.toString(session.startedAtEpochSecond());
        arguments[at++] = "aud";
        arguments[at++] = session.audience();
        arguments[at++] = "dpop";
        arguments[at++] = session.dpopKey() == null ? "" : session.dpopKey();
        arguments[at++] = "digest";
        arguments[at++] = BASE64URL.encodeToString(session.currentDigest());
        if (session.origin() != null) {
            arguments[at++] = "origin";
            arguments[at] = session.origin();
        }
        String[] keys = {key(name)};
        redis.call(STRUCTURE, REFUSAL, commands -> commands.eval(OPEN, ScriptOutputType.STATUS, keys, arguments));
    }

    @Override
    public Optional<RefreshSession> find(byte[] name) {
        String key = key(name);
        Map<String, String> fields = redis.call(STRUCTURE, REFUSAL, commands -> commands.hgetall(key));
        if (fields == null || !fields.containsKey("digest")) {
            return Optional.empty();
        }
        String dpopKey = fields.get("dpop");
        return Optional.of(new RefreshSession(fields.get("sub"), fields.get("sid"), Long.parseLong(fields.get("start")),
                fields.get("aud"), fields.get("origin"), dpopKey == null || dpopKey.isEmpty() ? null : dpopKey,
                BASE64URL_DECODER.decode(fields.get("digest"))));
    }

    @Override
    public RefreshOutcome rotate(byte[] name, RefreshSession session, byte[] presentedDigest, boolean originAllowed,
                                 byte[] nextDigest) {
        String[] keys = {key(name)};
        String outcome = redis.call(STRUCTURE, REFUSAL, commands -> commands.eval(ROTATE, ScriptOutputType.VALUE, keys,
                BASE64URL.encodeToString(presentedDigest), originAllowed ? "1" : "0",
                BASE64URL.encodeToString(nextDigest)));
        return RefreshOutcome.valueOf(outcome);
    }

    private String key(byte[] name) {
        return keyPrefix + BASE64URL.encodeToString(java.util.Arrays.copyOf(name, RefreshTokens.NAME_BYTES));
    }
}
