package dev.anonbroker.shared;

import dev.anonbroker.credential.SecretDigest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** What the broker's Redis keys and expiries are made of. */
final class RedisKeys {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private RedisKeys() {
    }

    /** The base64url SHA-256 of {@code value}: values (tokens, addresses) never become keys themselves. */
    static String digest(String value) {
        return BASE64URL.encodeToString(SecretDigest.of(value));
    }

    /** Milliseconds from now until {@code until}, rounded up so a key never expires early; 0 once it has passed. */
    static long millisecondsUntil(Clock clock, Instant until) {
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() || left.isZero() ? 0 : Math.max(1, left.plusNanos(999_999).toMillis());
    }
}
