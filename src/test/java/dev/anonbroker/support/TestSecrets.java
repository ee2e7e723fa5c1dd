package dev.anonbroker.support;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets for one test run, generated fresh so that none is ever committed.
 */
public final class TestSecrets {

    public static final String GOTRUE_JWT_SECRET = random(32);
    public static final String OPERATOR_TOKEN = random(24);
    /** The broker's {@code broker.sweep.operator-token}, not the emulator's operator token. */
    public static final String SWEEP_OPERATOR_TOKEN = random(24);

    private TestSecrets() {
    }

    public static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
