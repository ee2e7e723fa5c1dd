package dev.anonbroker.gate;

import dev.anonbroker.problem.ProblemException;
import io.micronaut.core.order.Ordered;

/**
 * A gate that checks a proof carried in the mint request's body (proof of work, captcha). The policy runs the
 * enabled ones in their {@link #getOrder()}, cheapest first, on the endpoints that mint.
 */
public interface ProofGate extends Ordered {

    /** The gate's name in metrics and logs, e.g. {@code proof-of-work}. */
    String name();

    boolean enabled();

    /**
     * Admits the request or throws the refusal.
     *
     * @throws ProblemException with the gate's own problem type when the proof is missing, invalid or spent
     */
    void check(GateRequest request, Visitor visitor);
}
