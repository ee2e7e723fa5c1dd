package dev.anonbroker.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.anonbroker.credential.SecretDigest;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.HexFormat;

/**
 * Lets each GoTrue access token be exchanged once. Only a SHA-256 digest of the token is kept, for
 * {@code broker.exchange.replay-window} (keep it at least GoTrue's JWT_EXP). The memory is per broker process:
 * several instances behind a load balancer each accept a token once, which the deletion right after the first
 * exchange closes for GoTrue-verified tokens. (Caffeine is used here as a bounded expiring set; it is the one use
 * outside cleanup/.)
 */
@Singleton
final class OneTimeTokens {

    private final Cache<String, Boolean> used;

    OneTimeTokens(@Property(name = "broker.exchange.replay-window", defaultValue = "2h") Duration window) {
        this.used = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(2_000_000).build();
    }

    /** True the first time a token is seen, false on every later call. */
    boolean firstUse(String token) {
        return used.asMap().putIfAbsent(HexFormat.of().formatHex(SecretDigest.of(token)), Boolean.TRUE) == null;
    }
}
