package dev.anonbroker.gate;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * {@code broker.gate.decisions} ({@code broker_gate_decisions_total} in Prometheus), tagged by {@code gate} and
 * {@code outcome} ({@code admitted} or {@code refused}). A gate that is off records nothing.
 */
@Singleton
public final class GateDecisions {

    static final String METER = "broker.gate.decisions";

    private final MeterRegistry registry;

    GateDecisions(MeterRegistry registry) {
        this.registry = registry;
    }

    public void admitted(String gate) {
        registry.counter(METER, "gate", gate, "outcome", "admitted").increment();
    }

    public void refused(String gate) {
        registry.counter(METER, "gate", gate, "outcome", "refused").increment();
    }
}
