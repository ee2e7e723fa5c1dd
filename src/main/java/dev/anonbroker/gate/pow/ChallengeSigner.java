package dev.anonbroker.gate.pow;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The two functions of ALTCHA v1: the challenge {@code hex(SHA-256(salt + number))} and its signature
 * {@code hex(HMAC-SHA256(key, challenge))}, the key being the UTF-8 bytes of {@code broker.pow.hmac-key} as in the
 * ALTCHA libraries. Thread-safe: each call takes its own digest and MAC.
 */
@Singleton
@Requires(property = ProofOfWorkConfiguration.PREFIX + ".enabled", value = StringUtils.TRUE)
final class ChallengeSigner {

    static final String ALGORITHM = "SHA-256";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    ChallengeSigner(ProofOfWorkConfiguration configuration) {
        this.key = new SecretKeySpec(configuration.hmacKey().getBytes(StandardCharsets.UTF_8), HMAC);
    }

    static String challenge(String salt, long number) {
        try {
            byte[] hash = MessageDigest.getInstance(ALGORITHM).digest((salt + number).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    String signature(String challenge) {
        return HexFormat.of().formatHex(mac(challenge));
    }

    /** Whether {@code signature} is the hex HMAC of {@code challenge}, in time independent of where they differ. */
    boolean signs(String signature, String challenge) {
        byte[] presented = signature.getBytes(StandardCharsets.US_ASCII);
        byte[] expected = signature(challenge).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented);
    }

    private byte[] mac(String challenge) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
