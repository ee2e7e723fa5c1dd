package dev.anonbroker.gate.ratelimit;

import dev.anonbroker.gate.GatedEndpoint;
import dev.anonbroker.gate.Visitor;
import jakarta.inject.Singleton;

/**
 * The broker's own rate limits, per visitor IP, per network and, for minting, one global budget.
 */
@Singleton
public final class RateLimitGate {

    public static final String NAME = "rate-limit";

    private final RateLimitConfiguration configuration;

    RateLimitGate(RateLimitConfiguration configuration) {
        this.configuration = configuration;
    }

    public boolean enabled() {
        return configuration.enabled();
    }

    /**
     * Takes one request from each bucket the visitor's request counts against.
     *
     * @throws dev.anonbroker.problem.ProblemException 429 with {@code Retry-After} when a bucket is empty
     */
    public void check(GatedEndpoint endpoint, Visitor visitor) {
    }
}
