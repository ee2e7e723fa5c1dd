package dev.anonbroker.gate.pow;

import dev.anonbroker.gate.CaffeineSingleUseSet;
import dev.anonbroker.gate.SingleUseSet;
import io.micronaut.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The broker's challenge issuer, solution verifier and replay store outside a broker, for
 * {@code bench/ProofOfWorkBenchmark}: the benchmark's door to this package's classes. System clock.
 */
public final class ProofOfWorkProbe {

    private final ChallengeIssuer issuer;
    private final SolutionVerifier verifier;
    private final SingleUseSet accepted;
    private final Clock clock = Clock.systemUTC();

    public ProofOfWorkProbe(String hmacKey, long maxNumber, Duration ttl, long maxRemembered) {
        ProofOfWorkConfiguration configuration = new ProofOfWorkConfiguration(true, hmacKey, maxNumber, ttl, maxRemembered);
        ChallengeSigner signer = new ChallengeSigner(configuration);
        this.issuer = new ChallengeIssuer(signer, configuration, clock);
        this.verifier = new SolutionVerifier(signer, configuration, clock, JsonMapper.createDefault());
        this.accepted = new CaffeineSingleUseSet(maxRemembered, clock);
    }

    /** One challenge; its hash code, so that the caller can keep the work from being optimised away. */
    public int issue() {
        return issuer.issue().hashCode();
    }

    /** A challenge as JSON, as the endpoint would answer it. */
    public String challengeJson() {
        AltchaChallenge c = issuer.issue();
        return "{\"algorithm\":\"%s\",\"challenge\":\"%s\",\"maxnumber\":%d,\"salt\":\"%s\",\"signature\":\"%s\"}"
                .formatted(c.algorithm(), c.challenge(), c.maxnumber(), c.salt(), c.signature());
    }

    /** The stateless checks of one payload (decode, hash, signature, expiry), without the replay store. */
    public int verify(String payload) {
        return verifier.verify(payload).challenge().length();
    }

    /** One remembered value, as an accepted payload is remembered. */
    public boolean remember(String value) {
        return accepted.use(value, Instant.now(clock).plusSeconds(300)) == SingleUseSet.Outcome.FIRST_USE;
    }
}
