package dev.anonbroker.gate.pow;

import dev.anonbroker.gate.GateRequest;
import dev.anonbroker.gate.ProofGate;
import dev.anonbroker.gate.Visitor;
import jakarta.inject.Singleton;

/**
 * ALTCHA proof of work: the mint request carries a solved challenge of {@code GET /anon-session/challenge}.
 */
@Singleton
final class ProofOfWorkGate implements ProofGate {

    static final String NAME = "proof-of-work";

    private final ProofOfWorkConfiguration configuration;

    ProofOfWorkGate(ProofOfWorkConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return configuration.enabled();
    }

    @Override
    public void check(GateRequest request, Visitor visitor) {
    }

    /** Before captcha: it costs no network call. */
    @Override
    public int getOrder() {
        return 10;
    }
}
