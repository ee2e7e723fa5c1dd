package dev.anonbroker.session;

import dev.anonbroker.gotrue.ThrowawayCredentials;
import dev.anonbroker.gotrue.ThrowawayUserRule;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Makes the random identity of each throwaway user: {@code anon-<128 random bits>@<email-domain>}, a password of
 * 32 random bytes (43 base64url characters: within both flavors' 6-72 rules), and the marker metadata.
 * Nothing here is logged or kept.
 */
@Singleton
final class ThrowawayIdentities {

    private final SecureRandom random = new SecureRandom();
    private final ThrowawayUserRule rule;
    private final Clock clock;
    private final String brokerId;

    ThrowawayIdentities(ThrowawayUserRule rule, Clock clock, @Nullable @Property(name = "broker.instance-id") String brokerId) {
        this.rule = rule;
        this.clock = clock;
        this.brokerId = brokerId == null || brokerId.isBlank() ? UUID.randomUUID().toString() : brokerId;
    }

    ThrowawayCredentials newCredentials() {
        byte[] emailBits = new byte[16];
        byte[] password = new byte[32];
        random.nextBytes(emailBits);
        random.nextBytes(password);
        return new ThrowawayCredentials(rule.email(HexFormat.of().formatHex(emailBits)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(password));
    }

    Map<String, Object> marker() {
        return rule.marker(brokerId, clock.instant());
    }

    /** The marker of a warm-pool member: the sweep leaves it alone until {@code pooledUntil} and a grace period after. */
    Map<String, Object> pooledMarker(Instant pooledUntil) {
        return rule.pooledMarker(brokerId, clock.instant(), pooledUntil);
    }
}
