package dev.anonbroker.gate;

import dev.anonbroker.gate.ip.ClientIpResolver;
import dev.anonbroker.gate.netlify.SignedProxyGate;
import dev.anonbroker.gate.ratelimit.RateLimitGate;
import dev.anonbroker.problem.ProblemException;
import io.micronaut.core.order.OrderUtil;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The one order in which the gates run, cheapest first: the origin (already checked by {@link OriginFilter}),
 * Netlify's signed proxy, the visitor's IP, the rate limits, then the proofs in the body (proof of work, captcha).
 * Only a request every enabled gate admitted reaches GoTrue, so a refused request never creates a GoTrue user.
 */
@Singleton
public final class GatePolicy {

    private final SignedProxyGate signedProxy;
    private final ClientIpResolver clientIps;
    private final RateLimitGate rateLimits;
    private final List<ProofGate> proofs;
    private final GateDecisions decisions;

    GatePolicy(SignedProxyGate signedProxy, ClientIpResolver clientIps, RateLimitGate rateLimits,
               List<ProofGate> proofs, GateDecisions decisions) {
        this.signedProxy = signedProxy;
        this.clientIps = clientIps;
        this.rateLimits = rateLimits;
        List<ProofGate> ordered = new ArrayList<>(proofs);
        OrderUtil.sort(ordered);
        this.proofs = List.copyOf(ordered);
        this.decisions = decisions;
    }

    /**
     * Runs every enabled gate for the request.
     *
     * @return the visitor the request counts as, whose IP is the one forwarded to GoTrue
     * @throws ProblemException the first refusal, with the refusing gate's problem type
     */
    public Visitor admit(GateRequest request) {
        boolean signedByNetlify = signedProxy.enabled()
                && decide(SignedProxyGate.NAME, request.endpoint().mints(),
                () -> signedProxy.verify(request.http(), request.endpoint()));
        Visitor visitor = clientIps.resolve(request.http(), signedByNetlify);
        if (rateLimits.enabled()) {
            decide(RateLimitGate.NAME, true, () -> {
                rateLimits.check(request.endpoint(), visitor);
                return true;
            });
        }
        if (request.endpoint().mints()) {
            for (ProofGate proof : proofs) {
                if (proof.enabled()) {
                    decide(proof.name(), true, () -> {
                        proof.check(request, visitor);
                        return true;
                    });
                }
            }
        }
        return visitor;
    }

    /**
     * Runs one gate and counts its decision. A gate that only informs (the signed proxy on refresh, where a missing
     * signature is no refusal) is counted only when it admits or refuses outright.
     */
    private boolean decide(String gate, boolean counted, BooleanSupplier check) {
        boolean admitted;
        try {
            admitted = check.getAsBoolean();
        } catch (ProblemException refused) {
            decisions.refused(gate);
            throw refused;
        }
        if (counted || admitted) {
            decisions.admitted(gate);
        }
        return admitted;
    }
}
