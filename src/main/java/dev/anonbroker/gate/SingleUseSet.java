package dev.anonbroker.gate;

import java.time.Instant;

/**
 * Remembers values that were accepted once (proof-of-work payloads, captcha tokens, exchanged GoTrue tokens, DPoP
 * {@code jti}) until they could no longer be accepted anyway, so that each is accepted once. Handed out by
 * {@code shared/SingleUseSets}: in this process's memory, on Caffeine ({@link CaffeineSingleUseSet}), or, with
 * {@code redis.uri}, in Redis and so shared by every broker instance.
 */
public interface SingleUseSet {

    enum Outcome { FIRST_USE, REPLAYED, FULL }

    /**
     * Records {@code value} as used until {@code forgettableAt}, the instant after which the gate would refuse it
     * for other reasons (its expiry plus any skew the gate allows).
     *
     * @throws dev.anonbroker.problem.ProblemException 503 {@code shared-state-unavailable} when the shared store
     *         does not answer: the value is then neither accepted nor refused as a replay
     */
    Outcome use(String value, Instant forgettableAt);

    /**
     * Forgets {@code value} again, for a gate that records a value before it has finished checking it (a captcha
     * token reserved while the provider is asked) and then finds it not accepted. Best effort: when the shared store
     * does not answer, the value stays remembered until it expires, which only refuses more.
     */
    void forget(String value);
}
