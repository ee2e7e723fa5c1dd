package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A user row. The identity fields are final; the rest change under the user's own lock ({@code synchronized (user)}),
 * which readers that need a consistent view (rendering) take too.
 */
final class StoredUser {

    final String id;
    final long sequence;
    final Instant createdAt;
    final boolean anonymous;

    String aud;
    String email;
    String role;
    String passwordHash;
    Instant confirmedAt;
    Instant confirmationSentAt;
    Instant lastSignInAt;
    Instant bannedUntil;
    Instant deletedAt;
    ObjectNode appMetadata;
    ObjectNode userMetadata;
    Instant updatedAt;

    StoredUser(String id, long sequence, Instant createdAt, boolean anonymous) {
        this.id = id;
        this.sequence = sequence;
        this.createdAt = createdAt;
        this.anonymous = anonymous;
        this.updatedAt = createdAt;
    }

    synchronized boolean confirmed() {
        return confirmedAt != null;
    }

    synchronized String email() {
        return email;
    }

    synchronized String aud() {
        return aud;
    }

    synchronized String role() {
        return role;
    }

    synchronized String passwordHash() {
        return passwordHash;
    }

    synchronized boolean banned(Instant now) {
        return bannedUntil != null && bannedUntil.isAfter(now);
    }

    synchronized void confirm(Instant now) {
        if (confirmedAt == null) {
            confirmedAt = now;
            updatedAt = now;
        }
    }

    synchronized EmulatedUser view() {
        java.util.Map<String, Object> metadata = userMetadata == null ? null
                : Json.MAPPER.convertValue(userMetadata, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        return new EmulatedUser(id, aud, email, anonymous, confirmedAt != null, createdAt, metadata);
    }
}
