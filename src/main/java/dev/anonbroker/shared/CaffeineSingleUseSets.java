package dev.anonbroker.shared;

import dev.anonbroker.gate.CaffeineSingleUseSet;
import dev.anonbroker.gate.SingleUseSet;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Without {@code redis.uri}: every set lives in this process's memory, as for a single instance. */
@Singleton
@Requires(missingProperty = SharedStateConfiguration.REDIS_URI)
final class CaffeineSingleUseSets implements SingleUseSets {

    private final Clock clock;

    CaffeineSingleUseSets(Clock clock) {
        this.clock = clock;
    }

    @Override
    public SingleUseSet named(String name, long maxRemembered) {
        return new CaffeineSingleUseSet(maxRemembered, clock);
    }
}
