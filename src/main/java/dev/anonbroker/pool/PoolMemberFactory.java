package dev.anonbroker.pool;

import dev.anonbroker.gotrue.GoTrueDeadline;
import dev.anonbroker.gotrue.GoTrueRefillCalls;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes one member on the calling refill thread: its GoTrue calls run as {@link GoTrueRefillCalls} (their own circuit
 * breaker) and under one request deadline, like a visitor's would. Its lifetime is drawn uniformly between three
 * quarters of {@code broker.pool.max-age} and all of it, so members made together do not all retire together; the
 * marker holds it for exactly that long.
 */
@Singleton
final class PoolMemberFactory {

    private final MemberProvisioner provisioner;
    private final GoTrueDeadline deadline;
    private final Clock clock;
    private final Duration maxAge;

    PoolMemberFactory(MemberProvisioner provisioner, GoTrueDeadline deadline, Clock clock, PoolConfiguration configuration) {
        this.provisioner = provisioner;
        this.deadline = deadline;
        this.clock = clock;
        this.maxAge = configuration.maxAge();
    }

    PoolMember make() {
        Instant retireAt = clock.instant().plus(lifetime());
        try (GoTrueDeadline.Scope refill = GoTrueRefillCalls.open(); GoTrueDeadline.Scope budget = deadline.open()) {
            return new PoolMember(provisioner.provision(retireAt), retireAt);
        }
    }

    private Duration lifetime() {
        long max = maxAge.toMillis();
        return Duration.ofMillis(max - ThreadLocalRandom.current().nextLong(max / 4 + 1));
    }
}
