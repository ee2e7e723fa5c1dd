package dev.anonbroker.gate.pow;

import dev.anonbroker.gate.GateRequest;
import dev.anonbroker.gate.ProofGate;
import dev.anonbroker.gate.SingleUseSet;
import dev.anonbroker.gate.Visitor;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.shared.SingleUseSets;
import io.micronaut.context.annotation.Context;

import java.util.Optional;

/**
 * ALTCHA proof of work: the mint request carries a solved challenge of {@code GET /anon-session/challenge}, accepted
 * once. Created at start-up, so that {@code broker.pow.*} is checked before the first request.
 *
 * <p>Own implementation, not {@code org.altcha:altcha} 1.3.0 (the only version served): that library checks expiry
 * against {@code System.currentTimeMillis()} (no clock to inject), compares hashes and signatures with
 * {@code String.equals} (not constant-time), throws {@code Exception} from every call, and needs org.json. The v1
 * protocol is one SHA-256 and one HMAC-SHA256, both in the JDK; see {@link ChallengeSigner} and {@link Salt}.
 *
 * <p>A payload is remembered by its challenge, the hash this broker recomputed from the salt and number, so a
 * re-encoded payload of the same solution (other base64, whitespace or key order) is the same payload. Remembered in
 * this process, or in Redis for every instance when {@code redis.uri} is set.
 */
@Context
final class ProofOfWorkGate implements ProofGate {

    static final String NAME = "proof-of-work";

    private final ProofOfWorkConfiguration configuration;
    private final Optional<SolutionVerifier> verifier;
    private final SingleUseSet accepted;

    ProofOfWorkGate(ProofOfWorkConfiguration configuration, Optional<SolutionVerifier> verifier, SingleUseSets sets) {
        this.configuration = configuration;
        this.verifier = verifier;
        this.accepted = sets.named(NAME, configuration.maxRemembered());
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
        String payload = request.altcha();
        if (payload == null || payload.isBlank()) {
            throw new ProblemException(ProblemType.PROOF_OF_WORK_REQUIRED,
                    "Solve GET /anon-session/challenge and send the payload in the altcha field");
        }
        SolutionVerifier.Verified solution = verifier.orElseThrow().verify(payload);
        switch (accepted.use(solution.challenge(), solution.expires())) {
            case FIRST_USE -> { }
            case REPLAYED -> throw new ProblemException(ProblemType.PROOF_OF_WORK_REPLAYED,
                    "This solved challenge was already used. Fetch and solve a new challenge from "
                            + "GET /anon-session/challenge for each session.");
            case FULL -> throw ProblemException.retryLater(ProblemType.GATE_AT_CAPACITY,
                    "The broker remembers as many recent proofs of work as it may; try again later.",
                    configuration.challengeTtl().toSeconds(), null);
        }
    }

    /** Before captcha: it costs no network call. */
    @Override
    public int getOrder() {
        return 10;
    }
}
