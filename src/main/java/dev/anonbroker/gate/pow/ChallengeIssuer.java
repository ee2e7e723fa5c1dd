package dev.anonbroker.gate.pow;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Issues ALTCHA v1 challenges. Stateless: everything needed to check a solution later is in the challenge and its
 * signature, so nothing is stored per challenge and any instance with the same key can check it.
 */
@Singleton
@Requires(property = ProofOfWorkConfiguration.PREFIX + ".enabled", value = StringUtils.TRUE)
final class ChallengeIssuer {

    private final ChallengeSigner signer;
    private final Clock clock;
    private final long maxNumber;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    ChallengeIssuer(ChallengeSigner signer, ProofOfWorkConfiguration configuration, Clock clock) {
        this.signer = signer;
        this.clock = clock;
        this.maxNumber = configuration.maxNumber();
        this.ttl = configuration.challengeTtl();
    }

    /** A fresh challenge: a random salt expiring in {@code challenge-ttl}, a secret number uniform in [0, max-number]. */
    AltchaChallenge issue() {
        byte[] saltBytes = new byte[Salt.RANDOM_BYTES];
        random.nextBytes(saltBytes);
        String salt = Salt.of(saltBytes, clock.instant().plus(ttl));
        long number = random.nextLong(maxNumber + 1);
        String challenge = ChallengeSigner.challenge(salt, number);
        return new AltchaChallenge(ChallengeSigner.ALGORITHM, challenge, maxNumber, salt, signer.signature(challenge));
    }
}
