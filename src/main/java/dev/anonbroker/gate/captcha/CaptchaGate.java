package dev.anonbroker.gate.captcha;

import dev.anonbroker.gate.GateRequest;
import dev.anonbroker.gate.ProofGate;
import dev.anonbroker.gate.Visitor;
import jakarta.inject.Singleton;

/**
 * A captcha: the mint request carries the widget's token, which the provider's siteverify API must accept.
 */
@Singleton
final class CaptchaGate implements ProofGate {

    static final String NAME = "captcha";

    private final CaptchaConfiguration configuration;

    CaptchaGate(CaptchaConfiguration configuration) {
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

    /** After proof of work: it costs a call to the provider. */
    @Override
    public int getOrder() {
        return 20;
    }
}
