package dev.anonbroker.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * A read-only view of a stored user, for tests that inspect the emulator directly.
 */
public record EmulatedUser(String id, String aud, String email, boolean anonymous, boolean confirmed,
                           Instant createdAt, Map<String, Object> userMetadata) {
}
