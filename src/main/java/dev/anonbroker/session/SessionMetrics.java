package dev.anonbroker.session;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * {@code broker.sessions.issued}, tagged by how the token was obtained: {@code signup}, {@code admin-create},
 * {@code anonymous}, {@code exchange} or {@code refresh}.
 */
@Singleton
final class SessionMetrics {

    private final MeterRegistry registry;

    SessionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void issued(String how) {
        registry.counter("broker.sessions.issued", "mode", how).increment();
    }
}
