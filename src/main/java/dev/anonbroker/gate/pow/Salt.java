package dev.anonbroker.gate.pow;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The challenge salt {@code <24 lower-case hex>?expires=<unix seconds>&}, the only form this broker issues and the
 * only form it accepts back.
 *
 * <p>Why so strict: the signature covers {@code SHA-256(salt + number)}, and the number is digits. CVE-2025-68113 was
 * that a salt ending in {@code expires=100987} with number {@code 87} can be re-split as {@code expires=1009} and number
 * {@code 8787}: the same hash, a different lifetime. A salt that must end with {@code &} leaves exactly one way to split
 * {@code salt + number}, and accepting only our own single parameter leaves no second {@code expires} to pick from.
 */
final class Salt {

    static final int RANDOM_BYTES = 12;
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{" + 2 * RANDOM_BYTES + "}\\?expires=([1-9][0-9]{0,17})&");

    private Salt() {
    }

    static String of(byte[] random, Instant expires) {
        return HexFormat.of().formatHex(random) + "?expires=" + expires.getEpochSecond() + "&";
    }

    /** The salt's expiry, or empty when the salt is not exactly in the issued form. */
    static Optional<Instant> expiresOf(String salt) {
        Matcher matcher = FORM.matcher(salt);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(matcher.group(1))));
    }
}
