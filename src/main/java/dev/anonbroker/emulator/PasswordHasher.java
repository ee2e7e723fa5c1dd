package dev.anonbroker.emulator;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * bcrypt as Go's {@code x/crypto/bcrypt} keys it: the password plus a zero byte, cut at 72 bytes. The library's
 * no-terminator version gets that key material handed over whole, so 72-byte passwords count every byte.
 * Longer passwords are refused, as Go refuses them.
 */
final class PasswordHasher {

    static final int MAX_BYTES = 72;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2Y_NO_NULL_TERMINATOR;

    private final int cost;

    PasswordHasher(int cost) {
        this.cost = cost;
    }

    static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    String hash(String password) {
        if (tooLong(password)) {
            throw new IllegalArgumentException("bcrypt: password length exceeds 72 bytes");
        }
        return new String(BCrypt.with(VERSION, LongPasswordStrategies.strict(VERSION)).hash(cost, key(password)),
                StandardCharsets.UTF_8);
    }

    boolean matches(String password, String hash) {
        if (hash == null || password == null || tooLong(password)) {
            return false;
        }
        if (hash.startsWith("$2a$") || hash.startsWith("$2b$")) {
            return verifyGoHash(password, hash);
        }
        return BCrypt.verifyer(VERSION, LongPasswordStrategies.strict(VERSION))
                .verify(key(password), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** A hash made by Go (e.g. an admin-given {@code password_hash}): the library adds the zero byte itself. */
    private static boolean verifyGoHash(String password, String hash) {
        BCrypt.Version version = BCrypt.Version.VERSION_2A;
        return BCrypt.verifyer(version, LongPasswordStrategies.truncate(version))
                .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    private static byte[] key(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        return bytes.length < MAX_BYTES ? Arrays.copyOf(bytes, bytes.length + 1) : bytes;
    }
}
