package dev.anonbroker.gate.pow;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks an ALTCHA v1 payload without any state: it decodes, uses SHA-256, carries a salt in the issued form, its
 * number solves its challenge, the challenge carries our signature, and the salt's expiry is still ahead. The
 * signature is checked before the expiry, so "expired" is only ever said of a challenge this broker issued.
 *
 * <p>No clock skew is allowed: the same broker's clock sets and checks {@code expires}; between replicas with NTP the
 * difference is milliseconds against a lifetime of minutes. An {@code expires} further ahead than
 * {@code challenge-ttl} from now is refused too, which bounds how long an accepted payload must be remembered.
 */
@Singleton
@Requires(property = ProofOfWorkConfiguration.PREFIX + ".enabled", value = StringUtils.TRUE)
final class SolutionVerifier {

    /** A real payload is about 350 characters. */
    static final int MAX_PAYLOAD_LENGTH = 2048;

    private final ChallengeSigner signer;
    private final Clock clock;
    private final Duration ttl;
    private final JsonMapper json;

    SolutionVerifier(ChallengeSigner signer, ProofOfWorkConfiguration configuration, Clock clock, JsonMapper json) {
        this.signer = signer;
        this.clock = clock;
        this.ttl = configuration.challengeTtl();
        this.json = json;
    }

    /** A solution that passed every check: its challenge as this broker computed it, and the salt's expiry. */
    record Verified(String challenge, Instant expires) {
    }

    /** @throws ProblemException {@code proof-of-work-invalid}, the detail saying what is wrong */
    Verified verify(String payload) {
        AltchaSolution solution = decode(payload);
        if (!ChallengeSigner.ALGORITHM.equals(solution.algorithm())) {
            throw invalid("Its algorithm must be SHA-256, as in the challenge.");
        }
        Instant expires = Salt.expiresOf(solution.salt()).orElseThrow(() -> invalid(
                "Its salt is not one this broker issues. Send the challenge's salt unchanged."));
        String challenge = ChallengeSigner.challenge(solution.salt(), solution.number());
        if (solution.number() < 0 || !same(challenge, solution.challenge())) {
            throw invalid("Its number does not solve its challenge. Solve the challenge again.");
        }
        if (!signer.signs(solution.signature(), challenge)) {
            throw invalid("Its challenge does not carry this broker's signature. Fetch a new challenge from "
                    + "GET /anon-session/challenge.");
        }
        checkLifetime(expires);
        return new Verified(challenge, expires);
    }

    private void checkLifetime(Instant expires) {
        Instant now = clock.instant();
        if (!now.isBefore(expires)) {
            throw invalid("Its challenge expired. Fetch a new challenge from GET /anon-session/challenge and solve it.");
        }
        if (expires.isAfter(now.plus(ttl).plusSeconds(1))) {
            throw invalid("Its challenge expires later than this broker's challenges do. Fetch a new challenge from "
                    + "GET /anon-session/challenge.");
        }
    }

    private AltchaSolution decode(String payload) {
        AltchaSolution solution;
        try {
            if (payload.length() > MAX_PAYLOAD_LENGTH) {
                throw new IOException("too long");
            }
            solution = json.readValue(Base64.getDecoder().decode(payload.strip()), AltchaSolution.class);
        } catch (IOException | IllegalArgumentException notAPayload) {
            solution = null;
        }
        if (solution == null || solution.challenge() == null || solution.number() == null
                || solution.salt() == null || solution.signature() == null) {
            throw invalid("It must be the ALTCHA widget's base64 payload (JSON with algorithm, challenge, number, salt "
                    + "and signature), sent unchanged; URL-encode it in a form body.");
        }
        return solution;
    }

    private static boolean same(String computed, String presented) {
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private static ProblemException invalid(String why) {
        return new ProblemException(ProblemType.PROOF_OF_WORK_INVALID, "The proof of work in the altcha field was "
                + "refused. " + why);
    }
}
