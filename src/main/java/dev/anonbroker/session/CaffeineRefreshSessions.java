package dev.anonbroker.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.session.RefreshSession.RefreshOutcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions in this process's memory, without {@code redis.uri}: at most {@code broker.refresh.max-sessions}, each
 * until its start plus {@code broker.max-session-age} plus {@code broker.clock-skew}; when full, a new session is
 * refused (503) rather than forgetting a live one.
 */
@Singleton
@Requires(missingProperty = "redis.uri")
final class CaffeineRefreshSessions implements RefreshSessionStore {

    private final Cache<EntryName, RefreshSession> sessions;
    private final AtomicInteger live = new AtomicInteger();
    private final int maxSessions;
    private final Duration keepFor;
    private final Clock clock;

    CaffeineRefreshSessions(RefreshConfiguration configuration, BrokerConfiguration broker, Clock clock,
                            MeterRegistry registry) {
        this.maxSessions = configuration.maxSessions();
        this.keepFor = broker.maxSessionAge().plus(broker.clockSkew());
        this.clock = clock;
        this.sessions = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(Expiry.creating((EntryName name, RefreshSession session) -> untilEnd(session)))
                .evictionListener((name, session, cause) -> live.decrementAndGet())
                .build();
        Gauge.builder("broker.refresh.sessions", live, AtomicInteger::get)
                .description("sessions whose refresh token is remembered").register(registry);
    }

    @Override
    public void ensureRoom() {
        if (live.get() >= maxSessions) {
            sessions.cleanUp();
            if (live.get() >= maxSessions) {
                throw RefreshTokens.full();
            }
        }
    }

    @Override
    public void open(byte[] name, RefreshSession session) {
        if (!claimRoom()) {
            sessions.cleanUp();
            if (!claimRoom()) {
                throw RefreshTokens.full();
            }
        }
        sessions.put(EntryName.of(name), session);
    }

    @Override
    public Optional<RefreshSession> find(byte[] name) {
        return Optional.ofNullable(sessions.getIfPresent(EntryName.of(name)));
    }

    @Override
    public RefreshOutcome rotate(byte[] name, RefreshSession session, byte[] presentedDigest, boolean originAllowed,
                                 byte[] nextDigest) {
        return session.rotate(presentedDigest, originAllowed, nextDigest);
    }

    private boolean claimRoom() {
        int seen;
        do {
            seen = live.get();
            if (seen >= maxSessions) {
                return false;
            }
        } while (!live.compareAndSet(seen, seen + 1));
        return true;
    }

    /** The first 16 bytes of a token: the name of its session's entry. */
    private record EntryName(long high, long low) {

        static EntryName of(byte[] name) {
            ByteBuffer bytes = ByteBuffer.wrap(name, 0, RefreshTokens.NAME_BYTES);
            return new EntryName(bytes.getLong(), bytes.getLong());
        }
    }

    /** Each entry lives until its session can have no valid token any more. */
    private Duration untilEnd(RefreshSession session) {
        long endMillis = (session.startedAtEpochSecond() * 1000) + keepFor.toMillis();
        return Duration.ofMillis(Math.max(0, endMillis - clock.millis()));
    }
}
