package dev.anonbroker.support;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Puts {@link #CLOCK} in place of the broker's system clock in contexts started with {@link #PROPERTY}{@code =true}.
 * Test classes run one after another in one JVM; each sets the clock it needs before it relies on it.
 */
@Factory
@Requires(property = MutableClockFactory.PROPERTY, value = "true")
public class MutableClockFactory {

    public static final String PROPERTY = "test.mutable-clock";
    public static final MutableClock CLOCK = new MutableClock(Instant.now());

    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
        return CLOCK;
    }
}
