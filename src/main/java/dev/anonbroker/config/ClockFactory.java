package dev.anonbroker.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one {@link Clock} of the broker. Logic takes time from it, never from {@code Instant.now()}, so tests can fix it.
 */
@Factory
final class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
